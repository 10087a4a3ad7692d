import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { ConflictError, NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findMembership, otherAdministrators } from './member-queries.ts';
import { accessPolicy } from './policy.ts';
import { memberships } from './tables.ts';

/** Take away someone's access; their person record stays. Returns their name. */
export function removeAccess(db: Db, ctx: WorkspaceContext, membershipId: string): Promise<string> {
  return runOperation(db, ctx, 'remove access', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(accessPolicy.changeRoles(member));
    const membership = await findMembership(tx, workspaceId, membershipId);
    if (!membership) throw new NotFoundError();
    if (membership.role === 'administrator' && (await otherAdministrators(tx, workspaceId, membership.id)) === 0) {
      throw new ConflictError('A workspace needs at least one administrator. Make someone else an administrator first.');
    }
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membership.id)));
    await audit({
      action: 'membership.removed',
      entityType: 'person',
      entityId: membership.personId,
      summary: `Removed ${membership.name}'s access to the workspace`,
    });
    return membership.name;
  });
}
