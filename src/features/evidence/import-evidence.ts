import type { Db } from '../../core/db/client.ts';
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
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const ids = await db.transaction(async (tx) => {
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
            addedByPersonId: actor.personId ?? null,
          })),
        )
        .returning();
      await indexDocuments(tx, workspaceId, inserted.map(evidenceDocument));
      ids.push(...inserted.map((row) => row.id));
      onProgress?.(ids.length, items.length);
      // PGlite runs queries on this thread; let waiting requests (progress polls) in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await recordAudit(tx, workspaceId, actor, {
      action: 'evidence.imported',
      entityType: 'evidence',
      summary: `Imported ${items.length} evidence item${items.length === 1 ? '' : 's'}`,
    });
    return ids;
  });
  if (items.length >= LARGE_IMPORT) await tidySearchIndex(db);
  return ids;
}
