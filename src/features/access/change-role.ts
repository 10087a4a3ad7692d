import { and, eq } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles.ts';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { ConflictError, NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { findMembership, otherAdministrators } from './member-queries.ts';
import { accessPolicy } from './policy.ts';
import { memberships } from './tables.ts';

/** Change someone's role. A workspace always keeps at least one administrator. Returns their name. */
export function changeRole(db: Db, ctx: WorkspaceContext, membershipId: string, role: Role): Promise<string> {
  return runOperation(
    db,
    ctx,
    'change a role',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(accessPolicy.changeRoles(member));
      const membership = await findMembership(tx, workspaceId, membershipId);
      if (!membership) throw new NotFoundError();
      if (membership.role === role) return membership.name;
      if (membership.role === 'administrator' && (await otherAdministrators(tx, workspaceId, membership.id)) === 0) {
        throw new ConflictError('A workspace needs at least one administrator. Make someone else an administrator first.');
      }
      await tx
        .update(memberships)
        .set({ role, updatedAt: new Date() })
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membership.id)));
      await audit({
        action: 'membership.role_changed',
        entityType: 'person',
        entityId: membership.personId,
        summary: `Changed ${membership.name}'s role from ${roleLabels[membership.role].toLowerCase()} to ${roleLabels[role].toLowerCase()}`,
        changes: { role: { from: membership.role, to: role } },
      });
      return membership.name;
    },
    // Choosing the role someone already has changes nothing.
    { auditOptional: true },
  );
}
