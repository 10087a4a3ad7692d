import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, ConflictError, NotFoundError } from '../../core/http/errors.ts';
import type { Mailer } from '../../core/mailer.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { findPerson } from '../people/queries.ts';
import { people } from '../people/tables.ts';
import { accessPolicy } from './policy.ts';
import type { Role } from '../../core/auth/roles.ts';
import { invitations, memberships } from './tables.ts';

export class InvitationRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

interface InviteDeps {
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

async function openInvitationFor(db: Executor, workspaceId: string, personId: string) {
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

function invitationText(ctx: WorkspaceContext, name: string, role: Role, link: string, days: number) {
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

/** Invite a person already in the workspace; the e-mail goes out after the invitation is saved. */
export async function invitePerson(deps: InviteDeps, ctx: WorkspaceContext, personId: string, role: Role): Promise<InvitationSent> {
  authorize(accessPolicy.invite(ctx.member, role), 'You cannot give that role.');
  const token = newToken();
  const workspaceId = ctx.workspace.id;
  const created = await deps.db.transaction(async (tx) => {
    const person = await findPerson(tx, workspaceId, personId);
    if (!person) throw new NotFoundError();
    if (!person.email) throw new InvitationRuleError('personId', `Add an email address for ${person.fullName} before inviting them`);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, person.id)));
    if (member) throw new ConflictError(`${person.fullName} already has access to this workspace.`);
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
        expiresAt: new Date(Date.now() + deps.config.invitationDays * 86_400_000),
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'invitation.created',
      entityType: 'person',
      entityId: person.id,
      summary: `Invited ${person.fullName} as ${roleLabels[role].toLowerCase()}`,
    });
    return { invitationId: invitation.id, person };
  });
  const result = await deps.mailer.send({
    workspaceId,
    kind: 'invitation',
    to: created.person.email!,
    subject: `You are invited to ${ctx.workspace.name} on Bridgework`,
    text: invitationText(ctx, created.person.fullName, role, `${deps.config.publicUrl}/invitations/${token}`, deps.config.invitationDays),
  });
  return { invitationId: created.invitationId, personId: created.person.id, email: created.person.email!, delivery: result.status };
}

/** Add someone new and invite them in one step. */
export async function inviteNewPerson(
  deps: InviteDeps,
  ctx: WorkspaceContext,
  input: { fullName: string; email: string; role: Role },
): Promise<InvitationSent> {
  authorize(accessPolicy.invite(ctx.member, input.role), 'You cannot give that role.');
  const [existing] = await deps.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.workspaceId, ctx.workspace.id), eq(sql`lower(${people.email})`, input.email)));
  if (existing) throw new InvitationRuleError('email', 'Someone in this workspace already has that email address. Invite them from their profile.');
  let personId: string;
  try {
    personId = await deps.db.transaction(async (tx) => {
      const [person] = await tx
        .insert(people)
        .values({ workspaceId: ctx.workspace.id, fullName: input.fullName, email: input.email })
        .returning({ id: people.id });
      await recordAudit(tx, ctx.workspace.id, ctx.actor, {
        action: 'person.created',
        entityType: 'person',
        entityId: person.id,
        summary: `Added ${input.fullName}`,
      });
      return person.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvitationRuleError('email', 'Someone in this workspace already has that email address.');
    throw error;
  }
  return invitePerson(deps, ctx, personId, input.role);
}

/** A fresh link for an open invitation (the old link stops working), with a new expiry. */
export async function resendInvitation(deps: InviteDeps, ctx: WorkspaceContext, invitationId: string) {
  authorize(accessPolicy.manageInvitations(ctx.member));
  if (!isUuid(invitationId)) throw new NotFoundError();
  const token = newToken();
  const invitation = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + deps.config.invitationDays * 86_400_000) })
      .where(
        and(eq(invitations.workspaceId, ctx.workspace.id), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ email: invitations.email, role: invitations.role, personId: invitations.personId });
    if (!row) throw new NotFoundError();
    const person = await findPerson(tx, ctx.workspace.id, row.personId);
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
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

export async function revokeInvitation(db: Db, ctx: WorkspaceContext, invitationId: string): Promise<string> {
  authorize(accessPolicy.manageInvitations(ctx.member));
  if (!isUuid(invitationId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(invitations.workspaceId, ctx.workspace.id), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ email: invitations.email, personId: invitations.personId });
    if (!row) throw new NotFoundError();
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'invitation.revoked',
      entityType: 'person',
      entityId: row.personId,
      summary: `Cancelled the invitation to ${row.email}`,
    });
    return row.email;
  });
}
