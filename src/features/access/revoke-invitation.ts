import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { accessPolicy } from './policy.ts';
import { invitations } from './tables.ts';

/** Cancel an open invitation: its link stops working. Returns the address it was sent to. */
export function revokeInvitation(db: Db, ctx: WorkspaceContext, invitationId: string): Promise<string> {
  return runOperation(db, ctx, 'cancel an invitation', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(accessPolicy.manageInvitations(member));
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ email: invitations.email, personId: invitations.personId });
    if (!row) throw new NotFoundError();
    await audit({ action: 'invitation.revoked', entityType: 'person', entityId: row.personId, summary: `Cancelled the invitation to ${row.email}` });
    return row.email;
  });
}
