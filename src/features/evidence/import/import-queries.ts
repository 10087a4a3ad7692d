import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { workspaces } from '../../../core/db/tables.ts';
import { rows, type Database, type Executor } from '../../../core/db/client.ts';
import { createsRowSql, mergesRowSql, plannedCounts } from './import-rows.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { evidenceImportRows, evidenceImports, type ImportPreviewRow } from '../tables.ts';

export interface ImportProgress {
  done: number;
  total: number;
  finished: boolean;
  failed: boolean;
}

/**
 * Imports this server has started or is doing, by progress token. On PGlite the
 * job runs in this process and its transaction holds the only connection, so
 * the progress address answers from here; on PostgreSQL the job may run on
 * another server and writes its count to the import row instead.
 */
const running = new Map<string, ImportProgress>();
/** Finished imports stay answerable this long, so the last poll sees the end. */
const KEEP_FINISHED_MS = 10 * 60_000;

/** Note an import queued by this server, so its progress page can follow it. */
export function trackImport(workspaceId: string, token: string, total: number): ImportProgress {
  const progress: ImportProgress = { done: 0, total, finished: false, failed: false };
  running.set(`${workspaceId}/${token}`, progress);
  return progress;
}

/** The import's progress as this server knows it (undefined when it was never here or long finished). */
export function trackedImport(workspaceId: string, token: string): ImportProgress | undefined {
  return running.get(`${workspaceId}/${token}`);
}

export function finishTracking(workspaceId: string, token: string, failed: boolean): void {
  const progress = running.get(`${workspaceId}/${token}`);
  if (!progress) return;
  progress.finished = true;
  progress.failed = failed;
  setTimeout(() => running.delete(`${workspaceId}/${token}`), KEEP_FINISHED_MS).unref();
}

/** The address that says how far an import has got, for its progress page's script. */
export function importProgressUrl(workspaceId: string, token: string): string {
  return `/import-progress/${workspaceId}/${token}`;
}

/**
 * How far an import has got, for the progress address: on PGlite from this
 * process (the job's transaction holds the only connection), falling back to
 * the row once it is forgotten here; on PostgreSQL from the row.
 */
export async function readImportProgress(database: Database, workspaceId: string, token: string): Promise<ImportProgress | undefined> {
  if (database.kind === 'pglite') {
    const local = trackedImport(workspaceId, token);
    if (local) return local;
  }
  return storedImportProgress(database.db, workspaceId, token);
}

/** How far an import has got, from the import row (which the job updates on PostgreSQL as it goes). */
export async function storedImportProgress(db: Executor, workspaceId: string, token: string): Promise<ImportProgress | undefined> {
  const [row] = await db
    .select({ id: evidenceImports.id, status: evidenceImports.status, done: evidenceImports.createdCount })
    .from(evidenceImports)
    .where(and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.progressToken, token)));
  if (!row) return undefined;
  const planned = await plannedCounts(db, workspaceId, row.id);
  return { done: row.done, total: planned.create + planned.merge, finished: row.status !== 'importing', failed: row.status === 'failed' };
}

export async function findImport(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(evidenceImports)
    .where(and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, id)));
  return row;
}

export function recentImports(db: Executor, workspaceId: string) {
  return db
    .select({
      id: evidenceImports.id,
      filename: evidenceImports.filename,
      status: evidenceImports.status,
      createdCount: evidenceImports.createdCount,
      createdAt: evidenceImports.createdAt,
    })
    .from(evidenceImports)
    .where(eq(evidenceImports.workspaceId, workspaceId))
    .orderBy(desc(evidenceImports.createdAt))
    .limit(10);
}

export interface RowCounts {
  all: number;
  new: number;
  duplicate: number;
  possible: number;
  invalid: number;
  /** Possible duplicates nobody has decided on yet. */
  undecided: number;
  /** Rows the import will create or merge. */
  toCreate: number;
  toMerge: number;
}

/** How many rows of an import are in each state, counted in the database. */
export async function importRowCounts(db: Executor, workspaceId: string, id: string): Promise<RowCounts> {
  const [counts] = await rows<Record<keyof RowCounts, number>>(
    db,
    sql`select count(*)::int as "all",
      count(*) filter (where ${evidenceImportRows.status} = 'new')::int as "new",
      count(*) filter (where ${evidenceImportRows.status} = 'duplicate')::int as "duplicate",
      count(*) filter (where ${evidenceImportRows.status} = 'possible')::int as "possible",
      count(*) filter (where ${evidenceImportRows.status} = 'invalid')::int as "invalid",
      count(*) filter (where ${evidenceImportRows.status} = 'possible' and not ${evidenceImportRows.row} ? 'decision')::int as "undecided",
      count(*) filter (where ${createsRowSql})::int as "toCreate",
      count(*) filter (where ${mergesRowSql})::int as "toMerge"
    from ${evidenceImportRows} where ${evidenceImportRows.workspaceId} = ${workspaceId} and ${evidenceImportRows.importId} = ${id}`,
  );
  return counts;
}

/** One page of an import's rows, in file order, optionally only those in one state. */
export async function importRowsPage(
  db: Executor,
  workspaceId: string,
  id: string,
  show: ImportPreviewRow['status'] | '',
  page: { offset: number; size: number },
): Promise<Array<ImportPreviewRow & { position: number }>> {
  const found = await db
    .select({ position: evidenceImportRows.position, row: evidenceImportRows.row })
    .from(evidenceImportRows)
    .where(and(eq(evidenceImportRows.workspaceId, workspaceId), eq(evidenceImportRows.importId, id), show ? eq(evidenceImportRows.status, show) : undefined))
    .orderBy(asc(evidenceImportRows.position))
    .offset(page.offset)
    .limit(page.size);
  return found.map((entry) => ({ ...entry.row, position: entry.position }));
}

/**
 * Imports left "importing" with no job to finish them (a server stopped
 * during the last try): rolled back, so say so rather than leave them
 * spinning. Looks across workspaces, joined to each import's workspace.
 */
export async function failInterruptedImports(db: Executor, stillQueued: (importId: string) => Promise<boolean>): Promise<number> {
  const importing = await db
    .select({ id: evidenceImports.id, workspaceId: evidenceImports.workspaceId })
    .from(evidenceImports)
    .innerJoin(workspaces, eq(workspaces.id, evidenceImports.workspaceId))
    .where(eq(evidenceImports.status, 'importing'));
  let failed = 0;
  for (const row of importing) {
    if (await stillQueued(row.id)) continue;
    const updated = await db
      .update(evidenceImports)
      .set({
        status: 'failed',
        createdCount: 0,
        completedAt: new Date(),
        error: 'The server stopped during this import, so nothing was saved. Import the file again.',
      })
      .where(and(eq(evidenceImports.workspaceId, row.workspaceId), eq(evidenceImports.id, row.id), eq(evidenceImports.status, 'importing')))
      .returning({ id: evidenceImports.id });
    failed += updated.length;
  }
  return failed;
}
