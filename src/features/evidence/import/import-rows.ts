import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { rows as sqlRows, type Executor } from '../../../core/db/client.ts';
import { evidenceImportRows, type ImportPreviewRow } from '../tables.ts';

const CHUNK = 1000;

/** Keep a preview's rows, in file order, a thousand to a statement. */
export async function storeImportRows(tx: Executor, workspaceId: string, importId: string, rows: ImportPreviewRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx
      .insert(evidenceImportRows)
      .values(rows.slice(start, start + CHUNK).map((row, i) => ({ workspaceId, importId, position: start + i, status: row.status, row })));
  }
}

/** An import's rows a page at a time, in file order, so the job never holds a whole large file. */
export async function* importRowsInChunks(db: Executor, workspaceId: string, importId: string, size = CHUNK): AsyncGenerator<ImportPreviewRow[]> {
  let from = 0;
  for (;;) {
    const chunk = await db
      .select({ position: evidenceImportRows.position, row: evidenceImportRows.row })
      .from(evidenceImportRows)
      .where(and(eq(evidenceImportRows.workspaceId, workspaceId), eq(evidenceImportRows.importId, importId), gte(evidenceImportRows.position, from)))
      .orderBy(asc(evidenceImportRows.position))
      .limit(size);
    if (chunk.length === 0) return;
    yield chunk.map((entry) => entry.row);
    from = chunk[chunk.length - 1].position + 1;
  }
}

/**
 * The SQL conditions, over an import row, that confirming the import will
 * create it or merge it: rowAction (import-plan.ts) said in SQL, so the
 * preview and the progress count them without reading the rows.
 */
const willWrite = sql`(${evidenceImportRows.status} = 'new' or ${evidenceImportRows.row}->>'decision' in ('import', 'merge')) and ${evidenceImportRows.row} ? 'item'`;
export const createsRowSql = sql`${willWrite} and ${evidenceImportRows.row}->>'decision' is distinct from 'merge'`;
export const mergesRowSql = sql`${willWrite} and ${evidenceImportRows.row}->>'decision' = 'merge'`;

/** How many rows the import will create and merge. */
export async function plannedCounts(db: Executor, workspaceId: string, importId: string): Promise<{ create: number; merge: number }> {
  const [counts] = await sqlRows<{ create: number; merge: number }>(
    db,
    sql`select count(*) filter (where ${createsRowSql})::int as "create", count(*) filter (where ${mergesRowSql})::int as "merge"
    from ${evidenceImportRows} where ${evidenceImportRows.workspaceId} = ${workspaceId} and ${evidenceImportRows.importId} = ${importId}`,
  );
  return counts;
}
