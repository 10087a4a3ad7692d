import { and, count, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { people } from '../people/tables.ts';
import { memberships } from './tables.ts';

/** How many administrators the workspace has besides this membership: it must always keep one. */
export async function otherAdministrators(tx: Executor, workspaceId: string, membershipId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'administrator'), ne(memberships.id, membershipId)));
  return row.n;
}

export async function findMembership(tx: Executor, workspaceId: string, membershipId: string) {
  const [row] = await tx
    .select({ id: memberships.id, role: memberships.role, personId: memberships.personId, name: people.fullName })
    .from(memberships)
    .innerJoin(people, and(eq(people.workspaceId, memberships.workspaceId), eq(people.id, memberships.personId)))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
  return row;
}
