import type { Db } from '../../../core/db/client.ts';
import type { JobQueue } from '../../../core/jobs.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { EMERGING_THEMES_JOB, type EmergingThemesRequest } from './find-emerging-themes.ts';

/**
 * Ask for the uncoded answers to be searched for emerging themes. Clustering
 * thousands of answers takes a while, so it is done on the job queue, not in
 * the request; the job is queued in the same transaction as the audit row.
 * Returns false when the programme's last request is still waiting.
 */
export async function requestEmergingThemes(db: Db, jobs: JobQueue, ctx: OperationContext, access: DeliveryAccess, programmeId: string): Promise<boolean> {
  const waiting = await jobs.pending(EMERGING_THEMES_JOB, programmeId);
  return runOperation(
    db,
    ctx,
    'ask for emerging themes',
    async ({ tx, workspaceId, actor, authorize, audit }) => {
      authorize(deliveryPolicy.manage(access));
      if (waiting) return false;
      const request: EmergingThemesRequest = { workspaceId, programmeId, requestedBy: actor };
      await jobs.send(EMERGING_THEMES_JOB, request, { tx, singletonKey: programmeId });
      await audit({
        action: 'delivery.emerging_requested',
        entityType: 'programme',
        entityId: programmeId,
        summary: 'Asked Bridgework to look for emerging themes in the uncoded answers',
      });
      return true;
    },
    // A second click while the first request waits changes nothing.
    { auditOptional: true },
  );
}
