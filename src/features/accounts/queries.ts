import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';
import { memberships } from '../access/tables.ts';

/** The workspaces an account belongs to, with its role in each. */
export function workspacesForAccount(db: Executor, accountId: string) {
  return db
    .select({ slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(workspaces.name));
}
