import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { indexDocuments } from '../../search/index-documents.ts';
import { tagWithTopics } from '../import-evidence.ts';
import { evidenceDocument } from '../search-text.ts';
import { evidenceItems, type ImportedItem } from '../tables.ts';

type EvidenceRow = typeof evidenceItems.$inferSelect;

const richerText = (kept: string, offered: string | undefined) => (offered && offered.trim().length > kept.trim().length ? offered : kept);
const union = (kept: string[], offered: string[] | undefined) => [...new Set([...kept, ...(offered ?? [])])];

/**
 * A library item with what an imported record adds: each text the longer of
 * the two, each missing value filled, keywords, links and identifiers
 * combined, the longer author list. The item's own kind and appraisal stay
 * unless it had none.
 */
export function mergedFields(item: EvidenceRow, offered: ImportedItem) {
  return {
    title: item.title || offered.title,
    translatedTitle: richerText(item.translatedTitle, offered.translatedTitle),
    authors: offered.authors.length > item.authors.length ? offered.authors : item.authors,
    year: item.year ?? offered.year,
    publisher: richerText(item.publisher, offered.publisher),
    citationType: item.citationType || offered.citationType || '',
    volume: item.volume || offered.volume || '',
    issue: item.issue || offered.issue || '',
    pages: item.pages || offered.pages || '',
    doi: item.doi ?? offered.doi,
    pmid: item.pmid ?? offered.pmid ?? null,
    identifiers: { ...(offered.identifiers ?? {}), ...item.identifiers },
    url: item.url || offered.url,
    links: union(item.links, offered.links).filter((link) => link !== (item.url || offered.url)),
    abstract: richerText(item.abstract, offered.abstract),
    keywords: union(item.keywords, offered.keywords),
    summary: richerText(item.summary, offered.summary),
    policyImplications: richerText(item.policyImplications, offered.policyImplications),
    population: item.population || offered.population,
    geography: item.geography || offered.geography,
    strength: item.strength ?? offered.strength ?? null,
    studyDesign: item.studyDesign || offered.studyDesign || '',
    sample: item.sample || offered.sample || '',
    riskOfBias: item.riskOfBias || offered.riskOfBias || '',
    strengthRationale: item.strengthRationale || offered.strengthRationale || '',
    sitesCount: item.sitesCount ?? offered.sitesCount ?? null,
    evaluated: item.evaluated ?? offered.evaluated ?? null,
    voicesCount: item.voicesCount ?? offered.voicesCount ?? null,
    gatheringMethod: item.gatheringMethod || offered.gatheringMethod || '',
  };
}

/** Merge imported records into the library items they duplicate, in the caller's transaction, re-indexing each for search. */
export async function mergeEvidenceItems(tx: Executor, workspaceId: string, merges: Array<{ id: string; item: ImportedItem }>): Promise<number> {
  if (merges.length === 0) return 0;
  const existing = await tx
    .select()
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.workspaceId, workspaceId),
        inArray(
          evidenceItems.id,
          merges.map((merge) => merge.id),
        ),
      ),
    );
  const byId = new Map(existing.map((item) => [item.id, item]));
  const merged: EvidenceRow[] = [];
  for (const { id, item: offered } of merges) {
    const item = byId.get(id);
    // An item deleted since the preview has nothing to merge into.
    if (!item) continue;
    const fields = mergedFields(item, offered);
    const [updated] = await tx
      .update(evidenceItems)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, id)))
      .returning();
    byId.set(id, updated);
    merged.push(updated);
    await tagWithTopics(tx, workspaceId, [{ evidenceId: id, topics: offered.topics ?? [] }]);
  }
  await indexDocuments(tx, workspaceId, merged.map(evidenceDocument));
  return merged.length;
}
