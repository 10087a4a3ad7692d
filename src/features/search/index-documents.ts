import { and, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { searchDocuments, searchStats } from './tables.ts';

export interface SearchableDocument {
  kind: string;
  sourceId: string;
  title: string;
  /** The prose that snippets are cut from. */
  body: string;
  /** Text to match but never to show in a snippet (authors, publisher, places). */
  keywords?: string;
}

/** The text search configuration: English stemming and stop words, on PGlite and PostgreSQL alike. */
export const TEXT_CONFIG = 'english';
/** Okapi BM25's usual constants (as SQLite FTS5 and Lucene use). */
export const K1 = 1.2;
export const B = 0.75;
/** Stored impacts are recomputed when the average document length moves this far from the one they used. */
const REWEIGHT_DRIFT = 0.25;
const BATCH = 1000;

/** PostgreSQL text cannot hold U+0000 (nor can jsonb); the rest of a document is kept. */
const withoutNul = (text: string) => text.replaceAll('\0', '');

/** BM25's saturating, length-normalised term weight, as SQL over a posting's tf and its document's length. */
export function impactSql(tf: ReturnType<typeof sql>, length: ReturnType<typeof sql>, averageLength: ReturnType<typeof sql>) {
  return sql`(${tf} * ${sql.raw(String(K1 + 1))} / (${tf} + ${sql.raw(String(K1))} * (1 - ${sql.raw(String(B))} + ${sql.raw(String(B))} * ${length} / greatest(${averageLength}, 1))))::real`;
}

/**
 * Add or replace documents in a workspace's search index, in the caller's
 * transaction: documents, postings, document frequencies and collection
 * statistics change together, so every server sees an edit the moment it
 * commits. Terms come from PostgreSQL's own parser and stemmer (the document's
 * tsvector), so PGlite and a PostgreSQL server index identically.
 */
export async function indexDocuments(tx: Executor, workspaceId: string, documents: SearchableDocument[]): Promise<void> {
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH);
    const byKind = new Map<string, string[]>();
    for (const doc of batch) byKind.set(doc.kind, [...(byKind.get(doc.kind) ?? []), doc.sourceId]);
    for (const [kind, sourceIds] of byKind) await removeDocuments(tx, workspaceId, kind, sourceIds);

    // Text, vector and length in one statement: the length is counted from the vector as it is made,
    // rather than by rewriting every new row afterwards.
    const input = JSON.stringify(
      batch.map((doc) => ({
        kind: doc.kind,
        source_id: doc.sourceId,
        title: withoutNul(doc.title),
        body: withoutNul(doc.body),
        keywords: withoutNul(doc.keywords ?? ''),
      })),
    );
    const inserted = await rows<{ id: string }>(
      tx,
      sql`
      INSERT INTO search_documents (workspace_id, kind, source_id, title, body, length, tsv)
      SELECT ${workspaceId}, x.kind, x.source_id, x.title, x.body,
        (SELECT coalesce(sum(coalesce(array_length(t.positions, 1), 1)), 0) FROM unnest(x.tsv) t), x.tsv
      FROM (
        SELECT k.kind, k.source_id, k.title, k.body,
          setweight(to_tsvector(${TEXT_CONFIG}::regconfig, k.title), 'A') || to_tsvector(${TEXT_CONFIG}::regconfig, k.body)
            || setweight(to_tsvector(${TEXT_CONFIG}::regconfig, k.keywords), 'D') AS tsv
        FROM jsonb_to_recordset(${input}::jsonb) AS k(kind text, source_id uuid, title text, body text, keywords text)
      ) x
      RETURNING id`,
    );
    const ids = uuidArray(inserted.map((row) => row.id));

    const [stats] = await rows<{ documents: number; total_length: number; impact_average_length: number }>(
      tx,
      sql`
        INSERT INTO search_stats (workspace_id, documents, total_length)
        SELECT ${workspaceId}, count(*), coalesce(sum(length), 0) FROM search_documents d WHERE d.workspace_id = ${workspaceId} AND d.id = ANY(${ids})
        ON CONFLICT (workspace_id) DO UPDATE
          SET documents = search_stats.documents + excluded.documents, total_length = search_stats.total_length + excluded.total_length
        RETURNING documents, total_length, impact_average_length`,
    );
    const average = Number(stats.total_length) / Math.max(Number(stats.documents), 1);
    let impactAverage = Number(stats.impact_average_length);
    if (impactAverage <= 0) {
      impactAverage = average;
      await tx.update(searchStats).set({ impactAverageLength: average }).where(eq(searchStats.workspaceId, workspaceId));
    }

    await tx.execute(sql`
      INSERT INTO search_postings (workspace_id, term, document_id, tf, impact)
      SELECT d.workspace_id, t.lexeme, d.id, x.tf, ${impactSql(sql`x.tf`, sql`d.length`, sql`${impactAverage}::float8`)}
      FROM search_documents d
      CROSS JOIN LATERAL unnest(d.tsv) t
      CROSS JOIN LATERAL (SELECT coalesce(array_length(t.positions, 1), 1)::real AS tf) x
      WHERE d.workspace_id = ${workspaceId} AND d.id = ANY(${ids})`);
    // Terms in a fixed order, so concurrent writers lock rows in the same order and never deadlock. They are
    // counted from the new documents' own vectors (each lexeme once a document, as in the postings): read from
    // the postings, PostgreSQL may walk every posting of the workspace in term order, which grows with each batch.
    await tx.execute(sql`
      INSERT INTO search_terms (workspace_id, term, df)
      SELECT ${workspaceId}, t.lexeme, count(*) FROM search_documents d CROSS JOIN LATERAL unnest(d.tsv) t
      WHERE d.workspace_id = ${workspaceId} AND d.id = ANY(${ids})
      GROUP BY t.lexeme ORDER BY t.lexeme
      ON CONFLICT (workspace_id, term) DO UPDATE SET df = search_terms.df + excluded.df`);

    if (Math.abs(average - impactAverage) / impactAverage > REWEIGHT_DRIFT) await reweight(tx, workspaceId, average);
  }
}

/** Recompute every stored impact with the current average document length. */
async function reweight(tx: Executor, workspaceId: string, average: number): Promise<void> {
  await tx.execute(sql`
    UPDATE search_postings p SET impact = ${impactSql(sql`p.tf`, sql`d.length`, sql`${average}::float8`)}
    FROM search_documents d WHERE d.workspace_id = p.workspace_id AND d.id = p.document_id AND p.workspace_id = ${workspaceId}`);
  await tx.update(searchStats).set({ impactAverageLength: average }).where(eq(searchStats.workspaceId, workspaceId));
}

/** Take documents out of the index (when their record is deleted or re-indexed). */
export async function removeDocuments(tx: Executor, workspaceId: string, kind: string, sourceIds: string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const existing = await tx
    .select({ id: searchDocuments.id, length: searchDocuments.length })
    .from(searchDocuments)
    .where(and(eq(searchDocuments.workspaceId, workspaceId), eq(searchDocuments.kind, kind), inArray(searchDocuments.sourceId, sourceIds)));
  if (existing.length === 0) return;
  const ids = uuidArray(existing.map((row) => row.id));
  await tx.execute(sql`
    UPDATE search_terms t SET df = t.df - c.n
    FROM (SELECT t.lexeme AS term, count(*) AS n FROM search_documents d CROSS JOIN LATERAL unnest(d.tsv) t
          WHERE d.workspace_id = ${workspaceId} AND d.id = ANY(${ids}) GROUP BY t.lexeme ORDER BY t.lexeme) c
    WHERE t.workspace_id = ${workspaceId} AND t.term = c.term`);
  await tx.execute(sql`DELETE FROM search_terms WHERE workspace_id = ${workspaceId} AND df <= 0`);
  const removedLength = existing.reduce((sum, row) => sum + row.length, 0);
  await tx
    .update(searchStats)
    .set({
      documents: sql`greatest(${searchStats.documents} - ${existing.length}, 0)`,
      totalLength: sql`greatest(${searchStats.totalLength} - ${Math.round(removedLength)}, 0)`,
    })
    .where(eq(searchStats.workspaceId, workspaceId));
  await tx.execute(sql`DELETE FROM search_documents d WHERE d.workspace_id = ${workspaceId} AND d.id = ANY(${ids})`);
}

/**
 * After a large import, refresh the planner's statistics and the visibility
 * map so queries use index-only scans. Runs outside a transaction.
 */
export async function tidySearchIndex(db: Executor): Promise<void> {
  await db.execute(sql`VACUUM (ANALYZE) search_postings`);
  await db.execute(sql`VACUUM (ANALYZE) search_terms`);
  await db.execute(sql`VACUUM (ANALYZE) search_documents`);
}

/** Tables whose rows the hourly clean-up puts in the index when they are missing from it. */
type IndexedTable = 'people' | 'programmes' | 'programme_sessions';

/**
 * Ids of a table's rows with no document of this kind in the index yet, a
 * batch at a time: rows from before the index held their kind, or written
 * straight to the database (the example, a restore).
 */
export async function missingFromIndex(db: Executor, workspaceId: string, table: IndexedTable, kind: string, batch: number): Promise<string[]> {
  const missing = await rows<{ id: string }>(
    db,
    sql`select r.id from ${sql.raw(table)} r where r.workspace_id = ${workspaceId} and not exists (
          select 1 from search_documents d where d.workspace_id = r.workspace_id and d.kind = ${kind} and d.source_id = r.id)
        limit ${batch}`,
  );
  return missing.map((row) => row.id);
}
