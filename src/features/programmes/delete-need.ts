import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findNeed } from './needs-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { needs } from './tables.ts';

/** Take a need off the board; its statements go back to the ungrouped list. Returns its title. */
export function deleteNeed(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, needId: string): Promise<string> {
  return runOperation(db, ctx, 'delete a need', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const need = await findNeed(tx, workspaceId, programmeId, needId);
    if (!need) throw new NotFoundError();
    await tx.delete(needs).where(and(eq(needs.workspaceId, workspaceId), eq(needs.id, need.id)));
    await audit({ action: 'need.deleted', entityType: 'need', entityId: need.id, summary: `Took the need “${need.title}” off the board` });
    return need.title;
  });
}
