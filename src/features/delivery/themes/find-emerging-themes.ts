import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/audit.ts';
import type { Db } from '../../../core/db/client.ts';
import { workspaces } from '../../../core/db/tables.ts';
import { operatorMember, runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, operatorAccess, type DeliveryAccess } from '../policy.ts';
import { themeCandidates } from '../tables.ts';
import { clusterUncoded } from './emerging-themes.ts';

/**
 * Look for emerging themes in the answers nobody has coded, and store them as
 * candidates so an analyst's accept, merge or dismiss acts on what they saw.
 * Replaces the candidates still open from the last run. Returns how many.
 */
export async function findEmergingThemes(db: Db, ctx: OperationContext, access: DeliveryAccess, programmeId: string): Promise<number> {
  // The clustering reads and computes before the transaction opens, so it holds no lock while it thinks.
  const { answers, candidates } = await clusterUncoded(db, ctx.workspace.id, programmeId);
  return runOperation(db, ctx, 'find emerging themes', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    await tx
      .delete(themeCandidates)
      .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.status, 'open')));
    if (candidates.length) await tx.insert(themeCandidates).values(candidates.map((candidate) => ({ workspaceId, programmeId, ...candidate })));
    await audit({
      action: 'delivery.emerging_themes',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Looked for emerging themes in ${answers} uncoded answers: ${candidates.length} candidates`,
    });
    return candidates.length;
  });
}

/** The job that looks for emerging themes: asked for by a facilitator, done on the job queue. */
export const EMERGING_THEMES_JOB = 'delivery.emerging-themes';

export interface EmergingThemesRequest {
  workspaceId: string;
  programmeId: string;
  /** Who asked: the audit row of what was found names them. */
  requestedBy: Actor;
}

/** Do a requested analysis. The facilitator's policy was checked when they asked; the job acts as the operator for them. */
export async function runEmergingThemesJob(db: Db, request: EmergingThemesRequest): Promise<number> {
  const [workspace] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample })
    .from(workspaces)
    .where(eq(workspaces.id, request.workspaceId));
  if (!workspace) return 0;
  return findEmergingThemes(db, { workspace, member: operatorMember, actor: request.requestedBy }, operatorAccess, request.programmeId);
}
