import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../core/db/client.ts';
import type { Role } from '../../core/auth/roles.ts';
import type { OperationContext } from '../../core/operations.ts';
import type { Mailer } from '../../core/mailer.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { invitations } from './tables.ts';

export interface InviteDeps {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'invitationDays'>;
}

export interface InvitationSent {
  invitationId: string;
  personId: string;
  email: string;
  delivery: 'sent' | 'outbox' | 'failed';
}

export async function openInvitationFor(db: Executor, workspaceId: string, personId: string) {
  const [open] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        eq(invitations.personId, personId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return open;
}

export function invitationText(ctx: OperationContext, name: string, role: Role, link: string, days: number) {
  return [
    `Hello ${name},`,
    '',
    `${ctx.actor.name} has invited you to join ${ctx.workspace.name} on Bridgework as ${roleLabels[role].toLowerCase()}.`,
    '',
    'Open this link to accept and set up your account:',
    '',
    link,
    '',
    `The link works for ${days} days. If you were not expecting this, you can ignore this e-mail.`,
  ].join('\n');
}

/** How long a new or resent link works. */
export const invitationExpiry = (deps: InviteDeps) => new Date(Date.now() + deps.config.invitationDays * 86_400_000);
