import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { accounts } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { invitations, memberships } from './tables.ts';

/** Everyone with access, and every invitation still waiting, for the access page. */
export async function accessOverview(db: Executor, workspaceId: string) {
  const [members, pending] = await Promise.all([
    db
      .select({
        id: memberships.id,
        role: memberships.role,
        since: memberships.createdAt,
        personId: people.id,
        name: people.fullName,
        email: accounts.email,
        lastSignInAt: accounts.lastSignInAt,
      })
      .from(memberships)
      .innerJoin(people, and(eq(people.workspaceId, memberships.workspaceId), eq(people.id, memberships.personId)))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(people.fullName)),
    db
      .select({
        id: invitations.id,
        role: invitations.role,
        email: invitations.email,
        personId: invitations.personId,
        name: people.fullName,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .innerJoin(people, and(eq(people.workspaceId, invitations.workspaceId), eq(people.id, invitations.personId)))
      .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  const now = Date.now();
  return { members, pending: pending.map((row) => ({ ...row, expired: row.expiresAt.getTime() <= now })) };
}
