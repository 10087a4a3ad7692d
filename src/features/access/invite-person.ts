import { and, eq } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { ConflictError, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { findPerson } from '../people/queries.ts';
import { invitationExpiry, invitationText, openInvitationFor, type InvitationSent, type InviteDeps } from './invitation-mail.ts';
import { accessPolicy } from './policy.ts';
import { invitations, memberships } from './tables.ts';

/** Invite a person already in the workspace; the e-mail goes out after the invitation is saved. */
export async function invitePerson(deps: InviteDeps, ctx: WorkspaceContext, personId: string, role: Role): Promise<InvitationSent> {
  const token = newToken();
  const created = await runOperation(deps.db, ctx, 'invite a person', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(accessPolicy.invite(member, role), 'You cannot give that role.');
    const person = await findPerson(tx, workspaceId, personId);
    if (!person) throw new NotFoundError();
    if (!person.email) throw new RuleError('personId', `Add an email address for ${person.fullName} before inviting them`);
    const [membership] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, person.id)));
    if (membership) throw new ConflictError(`${person.fullName} already has access to this workspace.`);
    if (await openInvitationFor(tx, workspaceId, person.id)) {
      throw new ConflictError(`${person.fullName} already has an invitation waiting. Resend it from the access page instead.`);
    }
    const [invitation] = await tx
      .insert(invitations)
      .values({
        workspaceId,
        personId: person.id,
        email: person.email,
        role,
        tokenHash: hashToken(token),
        invitedByAccountId: ctx.account.id,
        expiresAt: invitationExpiry(deps),
      })
      .returning({ id: invitations.id });
    await audit({
      action: 'invitation.created',
      entityType: 'person',
      entityId: person.id,
      summary: `Invited ${person.fullName} as ${roleLabels[role].toLowerCase()}`,
    });
    return { invitationId: invitation.id, person: { id: person.id, fullName: person.fullName, email: person.email } };
  });
  const result = await deps.mailer.send({
    workspaceId: ctx.workspace.id,
    kind: 'invitation',
    to: created.person.email,
    subject: `You are invited to ${ctx.workspace.name} on Bridgework`,
    text: invitationText(ctx, created.person.fullName, role, `${deps.config.publicUrl}/invitations/${token}`, deps.config.invitationDays),
  });
  return { invitationId: created.invitationId, personId: created.person.id, email: created.person.email, delivery: result.status };
}
