import { and, eq, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../core/audit.ts';
import type { Database } from '../../../core/db/client.ts';
import { countOf } from '../../../core/views/format.ts';
import { afterLargeImport, insertEvidenceItems } from '../import-evidence.ts';
import { importPlan } from './import-plan.ts';
import { importRowsInChunks } from './import-rows.ts';
import { mergeEvidenceItems } from './merge-items.ts';
import { evidenceImports } from '../tables.ts';
import { finishTracking, findImport, trackedImport } from './import-queries.ts';

/** The job that writes a confirmed import's new items: queued when someone confirms, done by any server's workers. */
export const EVIDENCE_IMPORT_JOB = 'evidence.import';

export interface EvidenceImportJob {
  workspaceId: string;
  importId: string;
  token: string;
  /** Who confirmed: the audit row of the import names them, and the items say who added them. */
  requestedBy: Actor;
  personId: string | null;
}

/**
 * Write every new item of the preview, or none. The person's right to import
 * was checked when they confirmed. A job that finds its import no longer
 * waiting (done, or given up) does nothing, so a retry after a server stopped
 * half-way starts the import again rather than doing it twice.
 */
export async function runEvidenceImportJob(database: Database, job: EvidenceImportJob): Promise<void> {
  const { db } = database;
  const found = await findImport(db, job.workspaceId, job.importId);
  if (!found || found.status !== 'importing') return;
  const thisImport = and(eq(evidenceImports.workspaceId, job.workspaceId), eq(evidenceImports.id, job.importId));
  const local = trackedImport(job.workspaceId, job.token);
  const onProgress = async (done: number) => {
    if (local) local.done = done;
    // Another server may be showing the progress page. PGlite has one connection, which the transaction holds,
    // and only this process to show it, so it keeps the count in memory alone.
    if (database.kind === 'postgres') await db.update(evidenceImports).set({ createdCount: done }).where(thisImport);
  };
  let created = 0;
  let merged = 0;
  let written = 0;
  try {
    await db.transaction(async (tx) => {
      if (database.kind === 'postgres') await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      // The rows are read a thousand at a time, so a large file is never held whole.
      for await (const rows of importRowsInChunks(tx, job.workspaceId, job.importId)) {
        const plan = importPlan(rows);
        const before = written;
        const ids = await insertEvidenceItems(tx, job.workspaceId, job.personId, plan.create, (done) => onProgress(before + done));
        merged += await mergeEvidenceItems(tx, job.workspaceId, plan.merge);
        created += ids.length;
        written += plan.create.length + plan.merge.length;
        await onProgress(written);
      }
      await tx.update(evidenceImports).set({ status: 'completed', createdCount: created, completedAt: new Date() }).where(thisImport);
      await recordAudit(tx, job.workspaceId, job.requestedBy, {
        action: 'evidence.imported',
        entityType: 'evidence_import',
        entityId: job.importId,
        summary: `Imported ${countOf(created, 'evidence item')}${merged ? ` and merged ${countOf(merged, 'record')} into items already in the library` : ''} from ${found.filename}`,
      });
    });
  } catch (error) {
    // A record the database refuses will be refused again: say so on the import instead of trying again.
    await db
      .update(evidenceImports)
      .set({
        status: 'failed',
        createdCount: 0,
        completedAt: new Date(),
        error: `The import stopped and nothing was saved: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown error'}`,
      })
      .where(thisImport);
    finishTracking(job.workspaceId, job.token, true);
    return;
  }
  finishTracking(job.workspaceId, job.token, false);
  await afterLargeImport(db, created);
}
