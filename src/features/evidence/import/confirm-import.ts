import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import type { JobQueue } from '../../../core/jobs.ts';
import { runOperation } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImports } from '../tables.ts';
import { trackImport, type ImportProgress } from './import-queries.ts';
import { plannedCounts } from './import-rows.ts';
import { EVIDENCE_IMPORT_JOB, type EvidenceImportJob } from './run-import.ts';

/**
 * Start importing a previewed file. The preview is claimed once (a second click
 * does nothing and returns null) and the import is queued in the same
 * transaction as the claim and its audit row; the job writes every item or
 * none. Returns the progress address's token and the starting counts.
 */
export async function confirmImport(db: Db, jobs: JobQueue, ctx: WorkspaceContext, id: string): Promise<{ token: string; progress: ImportProgress } | null> {
  const token = randomBytes(18).toString('base64url');
  const total = await runOperation(
    db,
    ctx,
    'confirm an import',
    async ({ tx, workspaceId, member, actor, authorize, audit }) => {
      authorize(evidencePolicy.create(member));
      const [row] = await tx
        .update(evidenceImports)
        .set({ status: 'importing', progressToken: token, createdCount: 0 })
        .where(and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, id), eq(evidenceImports.status, 'previewed')))
        .returning({ filename: evidenceImports.filename });
      if (!row) return undefined;
      const plan = await plannedCounts(tx, workspaceId, id);
      const total = plan.create + plan.merge;
      const job: EvidenceImportJob = { workspaceId, importId: id, token, requestedBy: actor, personId: member.personId || null };
      await jobs.send(EVIDENCE_IMPORT_JOB, job, { tx, singletonKey: id });
      await audit({
        action: 'evidence.import_started',
        entityType: 'evidence_import',
        entityId: id,
        summary: `Started importing ${countOf(plan.create, 'new item')}${plan.merge ? ` and merging ${countOf(plan.merge, 'record')} into the library` : ''} from ${row.filename}`,
      });
      return total;
    },
    // A second click claims nothing and changes nothing.
    { auditOptional: true },
  );
  if (total === undefined) return null;
  return { token, progress: trackImport(ctx.workspace.id, token, total) };
}
