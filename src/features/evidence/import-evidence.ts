import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { countOf } from '../../core/views/format.ts';
import { recordAudit, type Actor } from '../../core/audit.ts';
import { indexDocuments, tidySearchIndex } from '../search/index-documents.ts';
import { evidenceDocument } from './search-text.ts';
import { titleKey } from './title-key.ts';
import { evidenceItems, evidenceTopics, type ImportedItem } from './tables.ts';
import { topics } from '../topics/tables.ts';

/** An item to create: what an import checked, or what the example workspace and benchmarks bring. */
export type NewEvidenceItem = Pick<ImportedItem, 'sourceType' | 'title'> & Partial<Omit<ImportedItem, 'sourceType' | 'title'>>;

const CHUNK = 1000;
/** Imports this large refresh the search index's statistics afterwards. */
const LARGE_IMPORT = 1000;

/**
 * Create many evidence items and index them for search in one transaction:
 * either the whole import lands or none of it does.
 */
export async function importEvidenceItems(
  db: Db,
  workspaceId: string,
  actor: Actor & { personId?: string | null },
  items: NewEvidenceItem[],
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<string[]> {
  const ids = await db.transaction(async (tx) => {
    const ids = await insertEvidenceItems(tx, workspaceId, actor.personId ?? null, items, onProgress);
    await recordAudit(tx, workspaceId, actor, {
      action: 'evidence.imported',
      entityType: 'evidence',
      summary: `Imported ${countOf(items.length, 'evidence item')}`,
    });
    return ids;
  });
  await afterLargeImport(db, items.length);
  return ids;
}

/** Write items and their search entries in the caller's transaction, a chunk at a time, saying how far it has got. */
export async function insertEvidenceItems(
  tx: Executor,
  workspaceId: string,
  addedByPersonId: string | null,
  items: NewEvidenceItem[],
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const inserted = await tx
      .insert(evidenceItems)
      .values(
        chunk.map((item) => ({
          workspaceId,
          sourceType: item.sourceType,
          title: item.title,
          titleKey: titleKey(item.title),
          authors: item.authors ?? [],
          year: item.year ?? null,
          publisher: item.publisher ?? '',
          citationType: item.citationType ?? '',
          translatedTitle: item.translatedTitle ?? '',
          volume: item.volume ?? '',
          issue: item.issue ?? '',
          pages: item.pages ?? '',
          doi: item.doi ? item.doi.toLowerCase() : null,
          pmid: item.pmid ?? null,
          identifiers: item.identifiers ?? {},
          url: item.url ?? '',
          links: item.links ?? [],
          abstract: item.abstract ?? '',
          keywords: item.keywords ?? [],
          summary: item.summary ?? '',
          policyImplications: item.policyImplications ?? '',
          population: item.population ?? '',
          geography: item.geography ?? '',
          strength: item.strength ?? null,
          studyDesign: item.studyDesign ?? '',
          sample: item.sample ?? '',
          riskOfBias: item.riskOfBias ?? '',
          strengthRationale: item.strengthRationale ?? '',
          sitesCount: item.sitesCount ?? null,
          evaluated: item.evaluated ?? null,
          voicesCount: item.voicesCount ?? null,
          gatheringMethod: item.gatheringMethod ?? '',
          addedByPersonId,
        })),
      )
      .returning();
    await indexDocuments(tx, workspaceId, inserted.map(evidenceDocument));
    await tagWithTopics(
      tx,
      workspaceId,
      inserted.map((row, i) => ({ evidenceId: row.id, topics: chunk[i].topics ?? [] })),
    );
    ids.push(...inserted.map((row) => row.id));
    await onProgress?.(ids.length, items.length);
    // PGlite runs queries on this thread; let waiting requests (progress polls) in between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ids;
}

/** Tag items with topics by name, adding to any they have. */
export async function tagWithTopics(tx: Executor, workspaceId: string, tags: Array<{ evidenceId: string; topics: string[] }>): Promise<void> {
  const tagged = tags.flatMap((tag) => [...new Set(tag.topics)].map((name) => ({ evidenceId: tag.evidenceId, name })));
  if (tagged.length === 0) return;
  const topicIds = await topicIdsByName(
    tx,
    workspaceId,
    tagged.map((tag) => tag.name),
  );
  const links = tagged.map((tag) => ({ workspaceId, evidenceId: tag.evidenceId, topicId: topicIds.get(tag.name.toLowerCase())! }));
  await tx.insert(evidenceTopics).values(links).onConflictDoNothing();
}

/** Topics by name (without case), creating those the workspace does not have yet: an imported library brings its topics with it. */
async function topicIdsByName(tx: Executor, workspaceId: string, names: string[]): Promise<Map<string, string>> {
  const wanted = new Map(names.map((name) => [name.toLowerCase(), name]));
  const ids = new Map<string, string>();
  const found = await tx
    .select({ id: topics.id, name: topics.name })
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), inArray(sql`lower(${topics.name})`, [...wanted.keys()])));
  for (const topic of found) ids.set(topic.name.toLowerCase(), topic.id);
  const missing = [...wanted].filter(([key]) => !ids.has(key)).map(([, name]) => ({ workspaceId, name }));
  if (missing.length) for (const topic of await tx.insert(topics).values(missing).returning()) ids.set(topic.name.toLowerCase(), topic.id);
  return ids;
}

/** A large import changes the search index's statistics enough to refresh them (outside the import's transaction). */
export async function afterLargeImport(db: Db, count: number): Promise<void> {
  if (count >= LARGE_IMPORT) await tidySearchIndex(db);
}
