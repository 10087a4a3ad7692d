import { and, count, eq, ne } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, ConflictError, NotFoundError } from '../../core/http/errors.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { people } from '../people/tables.ts';
import { accessPolicy } from './policy.ts';
import type { Role } from '../../core/auth/roles.ts';
import { memberships } from './tables.ts';

async function otherAdministrators(tx: Executor, workspaceId: string, membershipId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'administrator'), ne(memberships.id, membershipId)));
  return row.n;
}

async function findMembership(tx: Executor, workspaceId: string, membershipId: string) {
  if (!isUuid(membershipId)) return undefined;
  const [row] = await tx
    .select({ id: memberships.id, role: memberships.role, personId: memberships.personId, name: people.fullName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
  return row;
}

/** Change someone's role. A workspace always keeps at least one administrator. */
export async function changeRole(db: Db, ctx: WorkspaceContext, membershipId: string, role: Role): Promise<string> {
  authorize(accessPolicy.changeRoles(ctx.member));
  return db.transaction(async (tx) => {
    const membership = await findMembership(tx, ctx.workspace.id, membershipId);
    if (!membership) throw new NotFoundError();
    if (membership.role === role) return membership.name;
    if (membership.role === 'administrator' && (await otherAdministrators(tx, ctx.workspace.id, membership.id)) === 0) {
      throw new ConflictError('A workspace needs at least one administrator. Make someone else an administrator first.');
    }
    await tx.update(memberships).set({ role, updatedAt: new Date() }).where(eq(memberships.id, membership.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'membership.role_changed',
      entityType: 'person',
      entityId: membership.personId,
      summary: `Changed ${membership.name}'s role from ${roleLabels[membership.role].toLowerCase()} to ${roleLabels[role].toLowerCase()}`,
      changes: { role: { from: membership.role, to: role } },
    });
    return membership.name;
  });
}

/** Take away someone's access; their person record stays. */
export async function removeAccess(db: Db, ctx: WorkspaceContext, membershipId: string): Promise<string> {
  authorize(accessPolicy.changeRoles(ctx.member));
  return db.transaction(async (tx) => {
    const membership = await findMembership(tx, ctx.workspace.id, membershipId);
    if (!membership) throw new NotFoundError();
    if (membership.role === 'administrator' && (await otherAdministrators(tx, ctx.workspace.id, membership.id)) === 0) {
      throw new ConflictError('A workspace needs at least one administrator. Make someone else an administrator first.');
    }
    await tx.delete(memberships).where(eq(memberships.id, membership.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'membership.removed',
      entityType: 'person',
      entityId: membership.personId,
      summary: `Removed ${membership.name}'s access to the workspace`,
    });
    return membership.name;
  });
}
