import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import type { JobQueue } from '../../core/jobs.ts';
import { runOperation } from '../../core/operations.ts';
import { adminPolicy } from './policy.ts';

/** Put a failed background job of this workspace back in the queue, to be tried again. */
export function retryJob(db: Db, jobs: JobQueue, ctx: WorkspaceContext, jobId: string): Promise<string> {
  return runOperation(db, ctx, 'retry a failed job', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(adminPolicy.manageJobs(member));
    const job = await jobs.retry(workspaceId, jobId, tx);
    if (!job) throw new NotFoundError('That job is not waiting to be retried: it may have been retried already.');
    await audit({ action: 'job.retried', entityType: 'job', entityId: job.id, summary: `Retried a failed job: ${job.label}` });
    return job.label;
  });
}
