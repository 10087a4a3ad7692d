import { citationJs } from './citation-js.ts';
import { stringify } from 'csv-stringify/sync';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sourceTypeLabels, strengthLabels } from '../../core/views/labels.ts';
import { evidenceItems } from './tables.ts';

export const exportFormats = ['bibtex', 'ris', 'csv', 'apa', 'harvard'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatLabels: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  csv: 'CSV',
  apa: 'APA reference list',
  harvard: 'Harvard reference list',
};

type EvidenceRow = typeof evidenceItems.$inferSelect;

/** Items in the order given (the order the search showed them). */
export async function itemsInOrder(db: Executor, workspaceId: string, ids: string[]): Promise<EvidenceRow[]> {
  const found: EvidenceRow[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    found.push(
      ...(await db
        .select()
        .from(evidenceItems)
        .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, ids.slice(i, i + 1000))))),
    );
  }
  const byId = new Map(found.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id)).filter((item): item is EvidenceRow => Boolean(item));
}

/** Authors are kept as "Family, Given"; anything else (an organisation) is a literal name. */
function cslName(author: string) {
  const comma = author.indexOf(',');
  return comma > 0 ? { family: author.slice(0, comma).trim(), given: author.slice(comma + 1).trim() } : { literal: author };
}

const journalTypes = new Set(['research_study', 'systematic_review']);

/** An evidence item as CSL-JSON, the common language of citation tools. */
export function toCsl(item: EvidenceRow) {
  const isArticle = journalTypes.has(item.sourceType) && item.publisher !== '';
  return {
    id: item.id,
    type: item.sourceType === 'data_statistics' ? 'dataset' : isArticle ? 'article-journal' : 'report',
    title: item.title,
    author: item.authors.map(cslName),
    issued: item.year ? { 'date-parts': [[item.year]] } : undefined,
    ...(isArticle ? { 'container-title': item.publisher } : { publisher: item.publisher || undefined }),
    DOI: item.doi ?? undefined,
    URL: item.url || undefined,
    abstract: item.abstract || item.summary || undefined,
  };
}

export async function exportEvidence(items: EvidenceRow[], format: ExportFormat): Promise<{ body: string; contentType: string; extension: string }> {
  if (format === 'csv') {
    const rows = items.map((item) => ({
      Title: item.title,
      Authors: item.authors.join('; '),
      Year: item.year ?? '',
      Journal: item.publisher,
      DOI: item.doi ?? '',
      URL: item.url,
      Type: sourceTypeLabels[item.sourceType],
      Strength: item.strength ? strengthLabels[item.strength] : '',
      Summary: item.summary,
      'What this means for policy': item.policyImplications,
      Population: item.population,
      Geography: item.geography,
      Abstract: item.abstract,
    }));
    // A byte-order mark so Excel opens the file as UTF-8; a cell a spreadsheet would run as a formula starts with an apostrophe (OWASP).
    return {
      body: '\ufeff' + stringify(rows, { header: true, columns: Object.keys(rows[0] ?? { Title: '' }), escape_formulas: true }),
      contentType: 'text/csv; charset=utf-8',
      extension: 'csv',
    };
  }
  const { Cite } = await citationJs();
  const cite = new Cite(items.map(toCsl));
  if (format === 'bibtex') return { body: cite.format('bibtex'), contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' };
  if (format === 'ris') return { body: cite.format('ris'), contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' };
  const body = cite.format('bibliography', { format: 'text', template: format === 'apa' ? 'apa' : 'harvard1', lang: 'en-GB' });
  return { body, contentType: 'text/plain; charset=utf-8', extension: 'txt' };
}
