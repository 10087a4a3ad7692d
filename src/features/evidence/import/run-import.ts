import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { authorize } from '../../../core/http/errors.ts';
import { importEvidenceItems } from '../import-evidence.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImports, type ImportPreviewRow } from '../tables.ts';
import type { ParsedFile } from './parse-file.ts';
import { buildPreview } from './preview.ts';

interface RunningImport {
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

/** Check a parsed file against the library and keep the preview, so the import is exactly what was shown. */
export async function createPreview(db: Db, ctx: WorkspaceContext, filename: string, parsed: ParsedFile): Promise<string> {
  authorize(evidencePolicy.create(ctx.member));
  const rows = await buildPreview(db, ctx.workspace.id, parsed.records);
  const [created] = await db
    .insert(evidenceImports)
    .values({
      workspaceId: ctx.workspace.id,
      createdByPersonId: ctx.member.personId,
      filename: filename.slice(0, 200),
      format: parsed.format,
      encodingNote: parsed.encodingNote ?? '',
      rows,
    })
    .returning({ id: evidenceImports.id });
  return created.id;
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

/**
 * Start importing a previewed file. The preview is claimed once (a second click
 * does nothing), then the new items are written in one transaction in the
 * background: either every item lands, or none does and the import says why.
 */
export async function confirmImport(db: Db, ctx: WorkspaceContext, id: string): Promise<string | null> {
  authorize(evidencePolicy.create(ctx.member));
  if (!isUuid(id)) return null;
  const [claimed] = await db
    .update(evidenceImports)
    .set({ status: 'importing' })
    .where(and(eq(evidenceImports.workspaceId, ctx.workspace.id), eq(evidenceImports.id, id), eq(evidenceImports.status, 'previewed')))
    .returning({ rows: evidenceImports.rows });
  if (!claimed) return null;
  const items = claimed.rows.filter((row) => row.status === 'new' && row.item).map((row) => row.item!);
  const progress: RunningImport = { done: 0, total: items.length, finished: false, failed: false, token: randomBytes(18).toString('base64url') };
  running.set(id, progress);
  byToken.set(progress.token, progress);
  const task = importEvidenceItems(db, ctx.workspace.id, { ...ctx.actor, personId: ctx.member.personId }, items, (done) => {
    progress.done = done;
  })
    .then((ids) => db.update(evidenceImports).set({ status: 'completed', createdCount: ids.length, completedAt: new Date() }).where(eq(evidenceImports.id, id)))
    .catch((error: unknown) => {
      progress.failed = true;
      return db
        .update(evidenceImports)
        .set({
          status: 'failed',
          completedAt: new Date(),
          error: `The import stopped and nothing was saved: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown error'}`,
        })
        .where(eq(evidenceImports.id, id));
    })
    .finally(() => {
      progress.finished = true;
      running.delete(id);
      unfinished.delete(task);
      setTimeout(() => byToken.delete(progress.token), KEEP_FINISHED_MS).unref();
    });
  unfinished.add(task);
  return progress.token;
}

export async function cancelImport(db: Db, ctx: WorkspaceContext, id: string): Promise<boolean> {
  authorize(evidencePolicy.create(ctx.member));
  if (!isUuid(id)) return false;
  const deleted = await db
    .delete(evidenceImports)
    .where(and(eq(evidenceImports.workspaceId, ctx.workspace.id), eq(evidenceImports.id, id), eq(evidenceImports.status, 'previewed')))
    .returning({ id: evidenceImports.id });
  return deleted.length > 0;
}

/** Imports a stopped server left "importing" rolled back; say so rather than leave them spinning. */
export async function failInterruptedImports(db: Executor): Promise<void> {
  await db
    .update(evidenceImports)
    .set({ status: 'failed', error: 'The server stopped during this import, so nothing was saved. Import the file again.' })
    .where(and(eq(evidenceImports.status, 'importing'), lt(evidenceImports.createdAt, new Date(Date.now() - 3_600_000))));
}
