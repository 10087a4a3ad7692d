import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { people } from '../people/tables.ts';
import type { InvitationSent, InviteDeps } from './invitation-mail.ts';
import { invitePerson } from './invite-person.ts';
import { accessPolicy } from './policy.ts';

/** Add someone new to the workspace's people and invite them, in two steps that each stand alone. */
export async function inviteNewPerson(
  deps: InviteDeps,
  ctx: WorkspaceContext,
  input: { fullName: string; email: string; role: Role },
): Promise<InvitationSent> {
  let personId: string;
  try {
    personId = await runOperation(deps.db, ctx, 'add a person to invite', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(accessPolicy.invite(member, input.role), 'You cannot give that role.');
      const [existing] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(sql`lower(${people.email})`, input.email)));
      if (existing) throw new RuleError('email', 'Someone in this workspace already has that email address. Invite them from their profile.');
      const [person] = await tx.insert(people).values({ workspaceId, fullName: input.fullName, email: input.email }).returning({ id: people.id });
      await audit({ action: 'person.created', entityType: 'person', entityId: person.id, summary: `Added ${input.fullName}` });
      return person.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('email', 'Someone in this workspace already has that email address.');
    throw error;
  }
  return invitePerson(deps, ctx, personId, input.role);
}
