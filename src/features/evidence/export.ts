import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sourceTypeLabels, strengthLabels } from '../../core/views/labels.ts';
import { topics } from '../topics/tables.ts';
import { writeBibtex } from './citations/bibtex.ts';
import { citationJs } from './citations/citation-js.ts';
import { writeCslJson } from './citations/csl-json.ts';
import { writeCsv } from './citations/csv.ts';
import { writeMedline } from './citations/medline.ts';
import type { CitationRecord, OwnFields } from './citations/record.ts';
import { writeRis } from './citations/ris.ts';
import { evidenceItems, evidenceTopics, type SourceType, type StrengthRating } from './tables.ts';

export const exportFormats = ['bibtex', 'ris', 'csl-json', 'medline', 'csv', 'apa', 'harvard'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatLabels: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  medline: 'PubMed (MEDLINE)',
  csv: 'CSV',
  apa: 'APA reference list',
  harvard: 'Harvard reference list',
};

type EvidenceRow = typeof evidenceItems.$inferSelect;
export type ExportedItem = EvidenceRow & { topics: string[] };

/** Items in the order given (the order the search showed them), each with its topics' names. */
export async function itemsInOrder(db: Executor, workspaceId: string, ids: string[]): Promise<ExportedItem[]> {
  const found: EvidenceRow[] = [];
  const topicNames = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    found.push(
      ...(await db
        .select()
        .from(evidenceItems)
        .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, chunk)))),
    );
    const tags = await db
      .select({ evidenceId: evidenceTopics.evidenceId, name: topics.name })
      .from(evidenceTopics)
      .innerJoin(topics, and(eq(topics.workspaceId, workspaceId), eq(topics.id, evidenceTopics.topicId)))
      .where(and(eq(evidenceTopics.workspaceId, workspaceId), inArray(evidenceTopics.evidenceId, chunk)));
    for (const tag of tags) topicNames.set(tag.evidenceId, [...(topicNames.get(tag.evidenceId) ?? []), tag.name]);
  }
  const byId = new Map(found.map((item) => [item.id, item]));
  return ids
    .map((id) => byId.get(id))
    .filter((item): item is EvidenceRow => Boolean(item))
    .map((item) => ({ ...item, topics: (topicNames.get(item.id) ?? []).sort((a, b) => a.localeCompare(b)) }));
}

/** The CSL type of an item saved before types were kept, or added by hand: worked out from what it is. */
function citationTypeOf(item: EvidenceRow): string {
  if (item.citationType) return item.citationType;
  if (item.sourceType === 'data_statistics') return 'dataset';
  if ((item.sourceType === 'research_study' || item.sourceType === 'systematic_review') && item.publisher) return 'article-journal';
  return 'report';
}

/** An evidence item as a reference, with everything Bridgework knows about it. */
export function recordOf(item: ExportedItem, index: number): CitationRecord {
  const own: OwnFields = {
    summary: item.summary || undefined,
    policyImplications: item.policyImplications || undefined,
    population: item.population || undefined,
    geography: item.geography || undefined,
    strength: item.strength ?? undefined,
    studyDesign: item.studyDesign || undefined,
    sample: item.sample || undefined,
    riskOfBias: item.riskOfBias || undefined,
    strengthRationale: item.strengthRationale || undefined,
    sitesCount: item.sitesCount ?? undefined,
    evaluated: item.evaluated ?? undefined,
    voicesCount: item.voicesCount ?? undefined,
    gatheringMethod: item.gatheringMethod || undefined,
    topics: item.topics.length ? item.topics : undefined,
  };
  return {
    record: index + 1,
    line: 0,
    type: citationTypeOf(item),
    sourceType: item.sourceType,
    title: item.title,
    translatedTitle: item.translatedTitle,
    authors: item.authors,
    year: item.year ? String(item.year) : '',
    publisher: item.publisher,
    volume: item.volume,
    issue: item.issue,
    pages: item.pages,
    doi: item.doi ?? '',
    pmid: item.pmid ?? '',
    identifiers: item.identifiers,
    url: item.url,
    links: item.links,
    abstract: item.abstract,
    keywords: item.keywords,
    own: Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)),
  };
}

export async function exportEvidence(items: ExportedItem[], format: ExportFormat): Promise<{ body: string; contentType: string; extension: string }> {
  const records = items.map(recordOf);
  switch (format) {
    case 'bibtex':
      return { body: writeBibtex(records), contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' };
    case 'ris':
      return { body: writeRis(records), contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' };
    case 'csl-json':
      return {
        body: writeCslJson(
          records,
          items.map((item) => item.id),
        ),
        contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
        extension: 'json',
      };
    case 'medline':
      return { body: writeMedline(records), contentType: 'application/x-medline; charset=utf-8', extension: 'nbib' };
    case 'csv':
      return {
        body: writeCsv(records, {
          sourceType: (value) => sourceTypeLabels[value as SourceType] ?? value,
          strength: (value) => strengthLabels[value as StrengthRating] ?? value,
        }),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
      };
    default: {
      // Reference lists in a citation style are formatted by citation-js from CSL-JSON.
      const { Cite } = await citationJs();
      const cite = new Cite(
        JSON.parse(
          writeCslJson(
            records,
            items.map((item) => item.id),
          ),
        ),
      );
      const body = cite.format('bibliography', { format: 'text', template: format === 'apa' ? 'apa' : 'harvard1', lang: 'en-GB' });
      return { body, contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    }
  }
}
