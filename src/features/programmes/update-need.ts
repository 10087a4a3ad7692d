import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findNeed } from './needs-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { NeedInput } from './schemas.ts';
import { needs } from './tables.ts';

/** Rename or describe a need, and say whether the programme has addressed it. */
export function updateNeed(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  needId: string,
  changes: NeedInput & { addressed: boolean },
) {
  return runOperation(db, ctx, 'update a need', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const need = await findNeed(tx, workspaceId, programmeId, needId);
    if (!need) throw new NotFoundError();
    const addressedAt = changes.addressed ? (need.addressedAt ?? new Date()) : null;
    await tx
      .update(needs)
      .set({ title: changes.title, description: changes.description, addressedAt, updatedAt: new Date() })
      .where(and(eq(needs.workspaceId, workspaceId), eq(needs.id, need.id)));
    await audit({
      action: 'need.updated',
      entityType: 'need',
      entityId: need.id,
      summary: `Updated the need “${changes.title}”${changes.addressed && !need.addressedAt ? ', now addressed' : ''}`,
    });
  });
}
