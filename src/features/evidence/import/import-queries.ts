import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { evidenceImports, type ImportPreviewRow } from '../tables.ts';

export interface RunningImport {
  done: number;
  total: number;
  finished: boolean;
  failed: boolean;
  /** A random key for the progress address, which needs no database (PGlite serves one query at a time). */
  token: string;
}

/** Imports running (or just finished) in this server process, by import id and by progress token. */
const running = new Map<string, RunningImport>();
const byToken = new Map<string, RunningImport>();
/** Finished imports stay answerable this long, so the last poll sees the end. */
const KEEP_FINISHED_MS = 10 * 60_000;

/** The background imports themselves, so a server shutting down lets them finish first. */
const unfinished = new Set<Promise<unknown>>();

export function importProgress(id: string) {
  return running.get(id);
}

export function importProgressByToken(token: string): Omit<RunningImport, 'token'> | undefined {
  const found = byToken.get(token);
  return found && { done: found.done, total: found.total, finished: found.finished, failed: found.failed };
}

export async function waitForRunningImports(): Promise<void> {
  await Promise.allSettled([...unfinished]);
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

export function countRows(rows: ImportPreviewRow[]) {
  return {
    new: rows.filter((row) => row.status === 'new').length,
    duplicate: rows.filter((row) => row.status === 'duplicate').length,
    invalid: rows.filter((row) => row.status === 'invalid').length,
  };
}

/** Note a running import, so the progress page can follow it. */
export function trackImport(id: string, total: number): RunningImport {
  const progress: RunningImport = { done: 0, total, finished: false, failed: false, token: randomBytes(18).toString('base64url') };
  running.set(id, progress);
  byToken.set(progress.token, progress);
  return progress;
}

/** Keep a background import's promise, so a server shutting down lets it finish; forget its progress once done. */
export function holdImport(id: string, progress: RunningImport, task: Promise<unknown>) {
  const held = task.finally(() => {
    progress.finished = true;
    running.delete(id);
    unfinished.delete(held);
    setTimeout(() => byToken.delete(progress.token), KEEP_FINISHED_MS).unref();
  });
  unfinished.add(held);
}

/** Imports a stopped server left "importing" rolled back; say so rather than leave them spinning. */
export async function failInterruptedImports(db: Executor): Promise<void> {
  await db
    .update(evidenceImports)
    .set({ status: 'failed', error: 'The server stopped during this import, so nothing was saved. Import the file again.' })
    .where(and(eq(evidenceImports.status, 'importing'), lt(evidenceImports.createdAt, new Date(Date.now() - 3_600_000))));
}
