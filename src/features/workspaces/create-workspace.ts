import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { accounts, workspaces } from '../../core/db/tables.ts';
import { recordAudit } from '../../core/audit.ts';
import { memberships } from '../access/tables.ts';
import { people } from '../people/tables.ts';
import { uniqueWorkspaceSlug } from './slug.ts';

export interface NewWorkspace {
  name: string;
  description?: string;
  isExample?: boolean;
  admin: { name: string; email: string; passwordHash: string };
}

/**
 * Create a workspace with its first administrator: their account (or an
 * existing one with the same e-mail), a person record and the membership.
 */
export async function createWorkspace(tx: Executor, input: NewWorkspace) {
  const slug = await uniqueWorkspaceSlug(tx, input.name);
  const [workspace] = await tx
    .insert(workspaces)
    .values({ name: input.name, slug, description: input.description ?? '', isExample: input.isExample ?? false })
    .returning();
  const email = input.admin.email.toLowerCase();
  const [existing] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, email));
  const accountId =
    existing?.id ??
    (
      await tx
        .insert(accounts)
        .values({ email, name: input.admin.name, passwordHash: input.admin.passwordHash, passwordChangedAt: new Date() })
        .returning({ id: accounts.id })
    )[0].id;
  const [person] = await tx
    .insert(people)
    .values({ workspaceId: workspace.id, fullName: input.admin.name, email, jobTitle: 'Workspace administrator' })
    .returning({ id: people.id });
  await tx.insert(memberships).values({ workspaceId: workspace.id, accountId, personId: person.id, role: 'administrator' });
  await recordAudit(
    tx,
    workspace.id,
    { accountId, name: input.admin.name },
    {
      action: 'workspace.created',
      entityType: 'workspace',
      entityId: workspace.id,
      summary: `Created the workspace “${workspace.name}”`,
    },
  );
  return { workspace, accountId, personId: person.id };
}
