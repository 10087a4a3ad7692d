import type { Db, Executor } from '../../core/db/client.ts';
import { countOf } from '../../core/views/format.ts';
import { recordAudit, type Actor } from '../../core/audit.ts';
import { indexDocuments, tidySearchIndex } from '../search/index-documents.ts';
import { evidenceDocument } from './search-text.ts';
import { titleKey } from './title-key.ts';
import { evidenceItems, type SourceType } from './tables.ts';

export interface NewEvidenceItem {
  sourceType: SourceType;
  title: string;
  authors?: string[];
  year?: number | null;
  publisher?: string;
  doi?: string | null;
  url?: string;
  abstract?: string;
  summary?: string;
  population?: string;
  geography?: string;
}

const CHUNK = 250;
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
          doi: item.doi ? item.doi.toLowerCase() : null,
          url: item.url ?? '',
          abstract: item.abstract ?? '',
          summary: item.summary ?? '',
          population: item.population ?? '',
          geography: item.geography ?? '',
          addedByPersonId,
        })),
      )
      .returning();
    await indexDocuments(tx, workspaceId, inserted.map(evidenceDocument));
    ids.push(...inserted.map((row) => row.id));
    await onProgress?.(ids.length, items.length);
    // PGlite runs queries on this thread; let waiting requests (progress polls) in between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ids;
}

/** A large import changes the search index's statistics enough to refresh them (outside the import's transaction). */
export async function afterLargeImport(db: Db, count: number): Promise<void> {
  if (count >= LARGE_IMPORT) await tidySearchIndex(db);
}
