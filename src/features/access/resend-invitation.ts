import { and, eq, isNull } from 'drizzle-orm';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findPerson } from '../people/queries.ts';
import { invitationExpiry, invitationText, type InvitationSent, type InviteDeps } from './invitation-mail.ts';
import { accessPolicy } from './policy.ts';
import { invitations } from './tables.ts';

/** A fresh link for an open invitation (the old link stops working), with a new expiry. */
export async function resendInvitation(deps: InviteDeps, ctx: WorkspaceContext, invitationId: string): Promise<Pick<InvitationSent, 'email' | 'delivery'>> {
  const token = newToken();
  const invitation = await runOperation(deps.db, ctx, 'resend an invitation', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(accessPolicy.manageInvitations(member));
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: invitationExpiry(deps) })
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ email: invitations.email, role: invitations.role, personId: invitations.personId });
    if (!row) throw new NotFoundError();
    const person = await findPerson(tx, workspaceId, row.personId);
    await audit({
      action: 'invitation.resent',
      entityType: 'person',
      entityId: row.personId,
      summary: `Resent the invitation to ${person?.fullName ?? row.email}`,
    });
    return { ...row, name: person?.fullName ?? row.email };
  });
  const result = await deps.mailer.send({
    workspaceId: ctx.workspace.id,
    kind: 'invitation',
    to: invitation.email,
    subject: `Reminder: you are invited to ${ctx.workspace.name} on Bridgework`,
    text: invitationText(ctx, invitation.name, invitation.role, `${deps.config.publicUrl}/invitations/${token}`, deps.config.invitationDays),
  });
  return { email: invitation.email, delivery: result.status };
}
