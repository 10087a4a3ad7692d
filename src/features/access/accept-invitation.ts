import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts, workspaces } from '../../core/db/tables.ts';
import { recordAudit } from '../../core/audit.ts';
import { hashToken } from '../../core/auth/tokens.ts';
import { GoneError } from '../../core/http/errors.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { people } from '../people/tables.ts';
import { invitations, memberships } from './tables.ts';

const UNUSABLE = 'Invitation links work once, for a limited time. Ask the person who invited you to send a new one.';

/** An invitation by its link, with its workspace, person and whether an account already has its e-mail. */
export async function findInvitation(db: Db, token: string) {
  if (token.length > 100) return undefined;
  const [row] = await db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      personId: invitations.personId,
      personName: people.fullName,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .innerJoin(people, and(eq(people.workspaceId, invitations.workspaceId), eq(people.id, invitations.personId)))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return undefined;
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, row.email.toLowerCase()));
  return { ...row, existingAccountId: account?.id };
}

export type Invitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

export function invitationProblem(invitation: Invitation | undefined): string | undefined {
  if (!invitation) return UNUSABLE;
  if (invitation.acceptedAt) return 'This invitation has already been accepted. Sign in to reach the workspace.';
  if (invitation.revokedAt) return 'This invitation has been cancelled. Ask the person who invited you if you still need access.';
  if (invitation.expiresAt.getTime() <= Date.now()) return 'This invitation has expired. Ask the person who invited you to send a new one.';
  return undefined;
}

/**
 * Accept an invitation: spend it (only once, even if two tabs race), create the
 * account when there is none, and add the membership, all in one transaction.
 */
export async function acceptInvitation(
  db: Db,
  invitationAt: { workspaceId: string; token: string },
  as: { accountId: string } | { name: string; passwordHash: string },
): Promise<{ accountId: string; workspaceSlug: string }> {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.workspaceId, invitationAt.workspaceId),
          eq(invitations.tokenHash, hashToken(invitationAt.token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invitation) throw new GoneError(UNUSABLE);
    let accountId: string;
    let accountName: string;
    if ('accountId' in as) {
      const [account] = await tx.select({ id: accounts.id, name: accounts.name, email: accounts.email }).from(accounts).where(eq(accounts.id, as.accountId));
      if (!account || account.email.toLowerCase() !== invitation.email.toLowerCase()) {
        throw new GoneError('This invitation is for a different email address. Sign out and open the link again.', 'This invitation is for someone else');
      }
      accountId = account.id;
      accountName = account.name;
    } else {
      const [existing] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(sql`lower(${accounts.email})`, invitation.email.toLowerCase()));
      if (existing) throw new GoneError('An account with this email address already exists. Sign in first, then open the link again.', 'Sign in to accept');
      const [account] = await tx
        .insert(accounts)
        .values({ email: invitation.email.toLowerCase(), name: as.name, passwordHash: as.passwordHash, passwordChangedAt: new Date() })
        .returning({ id: accounts.id });
      accountId = account.id;
      accountName = as.name;
      await tx
        .update(people)
        .set({ fullName: as.name, updatedAt: new Date() })
        .where(and(eq(people.workspaceId, invitation.workspaceId), eq(people.id, invitation.personId)));
    }
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, invitation.workspaceId), eq(memberships.accountId, accountId)));
    if (already) throw new GoneError('You already have access to this workspace. Sign in to reach it.', 'You are already a member');
    await tx.insert(memberships).values({ workspaceId: invitation.workspaceId, accountId, personId: invitation.personId, role: invitation.role });
    await recordAudit(
      tx,
      invitation.workspaceId,
      { accountId, name: accountName },
      {
        action: 'invitation.accepted',
        entityType: 'person',
        entityId: invitation.personId,
        summary: `${accountName} accepted the invitation and joined as ${roleLabels[invitation.role].toLowerCase()}`,
      },
    );
    const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, invitation.workspaceId));
    return { accountId, workspaceSlug: workspace.slug };
  });
}
