import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../core/db/client.ts';
import { accounts } from '../../core/db/tables.ts';
import { recordAudit, type Actor } from '../../core/audit.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { invitations, memberships } from '../access/tables.ts';
import { indexPeople } from '../people/search-text.ts';
import { people } from '../people/tables.ts';
import type { SignInClaims } from './provider.ts';
import { rulesOf, type SsoRule } from './queries.ts';
import { ssoIdentities } from './tables.ts';

/** Why a person who signed in at the provider is not let in, said to them. */
export class SignInRefused extends Error {}

/** The first rule that matches the person's e-mail domain or one of their claims, in the administrators' order. */
export function matchingRule(rules: SsoRule[], claims: Pick<SignInClaims, 'email' | 'all'>): SsoRule | undefined {
  const domain = claims.email?.split('@')[1];
  return rules.find((rule) => {
    if (rule.emailDomain) return domain === rule.emailDomain;
    if (!rule.claimName || rule.claimValue === null) return false;
    const value = claims.all[rule.claimName];
    const values = Array.isArray(value) ? value : [value];
    return values.some((item) => (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') && String(item) === rule.claimValue);
  });
}

interface Workspace {
  id: string;
  name: string;
}

/**
 * Let in someone the workspace's provider vouched for, in one transaction:
 *
 * - an identity seen before signs in its account;
 * - otherwise the e-mail address finds the account, or a new one is made (with
 *   no password). An existing account is linked only when it is the one signed
 *   in now, or when it has no access to any other workspace: one workspace's
 *   provider must not open the way into another workspace;
 * - an account not yet in the workspace joins through its pending invitation,
 *   or else through the first rule that matches, as the person with that
 *   e-mail address when the workspace has one, or as a new person.
 *
 * Joining and linking are audited; an ordinary sign-in is not (as with passwords).
 */
export function signInWithSso(
  db: Db,
  workspace: Workspace,
  providerName: string,
  claims: SignInClaims,
  signedInAccountId: string | undefined,
): Promise<{ accountId: string; joined: boolean }> {
  return db.transaction(async (tx) => {
    const [identity] = await tx
      .select({ id: ssoIdentities.id, accountId: ssoIdentities.accountId })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.workspaceId, workspace.id), eq(ssoIdentities.issuer, claims.issuer), eq(ssoIdentities.subject, claims.subject)));
    let accountId = identity?.accountId;
    if (!accountId) accountId = await linkAccount(tx, workspace, providerName, claims, signedInAccountId);
    const [account] = await tx.select({ name: accounts.name, email: accounts.email }).from(accounts).where(eq(accounts.id, accountId));
    const actor: Actor = { accountId, name: account.name };
    if (!identity) {
      await tx.insert(ssoIdentities).values({ workspaceId: workspace.id, accountId, issuer: claims.issuer, subject: claims.subject, lastUsedAt: new Date() });
      await recordAudit(tx, workspace.id, actor, {
        action: 'sso.linked',
        entityType: 'account',
        entityId: accountId,
        summary: `${account.name} signed in through ${providerName} for the first time`,
      });
    } else {
      await tx
        .update(ssoIdentities)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(ssoIdentities.workspaceId, workspace.id), eq(ssoIdentities.id, identity.id)));
    }
    const joined = await joinIfNeeded(tx, workspace, providerName, claims, { id: accountId, ...account });
    await tx.update(accounts).set({ lastSignInAt: new Date() }).where(eq(accounts.id, accountId));
    return { accountId, joined };
  });
}

/** The account a first sign-in through the provider belongs to, made when there is none. */
async function linkAccount(tx: Tx, workspace: Workspace, providerName: string, claims: SignInClaims, signedInAccountId: string | undefined): Promise<string> {
  const email = claims.email;
  if (!email)
    throw new SignInRefused(
      `${providerName} did not give your email address, so Bridgework cannot tell who you are. Ask the administrators of ${workspace.name} to have the provider send the email claim.`,
    );
  if (claims.emailVerified === false)
    throw new SignInRefused(`${providerName} says your email address ${email} is not verified. Verify it there, then sign in again.`);
  const [existing] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, email));
  if (!existing) {
    const [created] = await tx
      .insert(accounts)
      .values({ email, name: claims.name ?? email.split('@')[0] })
      .returning({ id: accounts.id });
    return created.id;
  }
  if (existing.id === signedInAccountId) return existing.id;
  // The one look beyond this workspace: whether the account opens any other (see test/scope-exceptions.ts).
  const [elsewhere] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, existing.id), ne(memberships.workspaceId, workspace.id)))
    .limit(1);
  if (elsewhere)
    throw new SignInRefused(
      `There is already a Bridgework account for ${email}, used in other workspaces. Sign in with its password first, then sign in through ${providerName} again: the two will be linked.`,
    );
  return existing.id;
}

/** Give the account its place in the workspace, if it has none: by invitation, else by rule. */
async function joinIfNeeded(
  tx: Tx,
  workspace: Workspace,
  providerName: string,
  claims: SignInClaims,
  account: { id: string; name: string; email: string },
): Promise<boolean> {
  const accountId = account.id;
  const actor: Actor = { accountId, name: account.name };
  const [membership] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.accountId, accountId)));
  if (membership) return false;
  const email = account.email.toLowerCase();
  const [invitation] = await tx
    .select({ id: invitations.id, personId: invitations.personId, role: invitations.role })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspace.id),
        eq(sql`lower(${invitations.email})`, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  if (invitation) {
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.workspaceId, workspace.id), eq(invitations.id, invitation.id)));
    await tx.insert(memberships).values({ workspaceId: workspace.id, accountId, personId: invitation.personId, role: invitation.role });
    await recordAudit(tx, workspace.id, actor, {
      action: 'invitation.accepted',
      entityType: 'person',
      entityId: invitation.personId,
      summary: `${actor.name} accepted the invitation through ${providerName} and joined as ${roleLabels[invitation.role].toLowerCase()}`,
    });
    return true;
  }
  const rule = matchingRule(await rulesOf(tx, workspace.id), { ...claims, email });
  if (!rule)
    throw new SignInRefused(
      `You signed in at ${providerName}, but nothing there gives you access to ${workspace.name}. Ask one of its administrators to invite you.`,
    );
  const [person] = await tx
    .select({ id: people.id, taken: memberships.id })
    .from(people)
    .leftJoin(memberships, and(eq(memberships.workspaceId, people.workspaceId), eq(memberships.personId, people.id)))
    .where(and(eq(people.workspaceId, workspace.id), eq(sql`lower(${people.email})`, email)));
  let personId = person && !person.taken ? person.id : undefined;
  if (!personId) {
    const [created] = await tx
      .insert(people)
      .values({ workspaceId: workspace.id, fullName: claims.name ?? account.name, email: person ? null : email, organisationId: rule.organisationId })
      .returning({ id: people.id });
    personId = created.id;
    await indexPeople(tx, workspace.id, [personId]);
  }
  await tx.insert(memberships).values({ workspaceId: workspace.id, accountId, personId, role: rule.role });
  const because = rule.emailDomain ? `an email address at ${rule.emailDomain}` : `${rule.claimName} ${rule.claimValue}`;
  await recordAudit(tx, workspace.id, actor, {
    action: 'sso.joined',
    entityType: 'person',
    entityId: personId,
    summary: `${actor.name} joined through ${providerName} as ${roleLabels[rule.role].toLowerCase()} (${because})`,
  });
  return true;
}
