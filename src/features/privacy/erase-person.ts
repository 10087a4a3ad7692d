import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts, auditEvents, mailMessages } from '../../core/db/tables.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { invitations, memberships } from '../access/tables.ts';
import { threadFollowers } from '../communities/tables.ts';
import { notificationSettings, notifications } from '../notifications/tables.ts';
import { unindexPerson } from '../people/search-text.ts';
import { people, personTopics } from '../people/tables.ts';
import { findPerson } from '../people/queries.ts';
import { relationships } from '../relationships/tables.ts';
import { ssoIdentities } from '../sso/tables.ts';
import { privacyPolicy } from './policy.ts';

/** What an erased person is called wherever their contributions remain. */
export const ERASED_NAME = 'Erased person';

/** Whether a person was erased: their row stays, nameless and without an address. */
export const isErased = (person: { fullName: string; email: string | null }): boolean => person.fullName === ERASED_NAME && !person.email;

/**
 * Erase a person (UK GDPR's right to erasure) while keeping what the
 * workspace needs of their work: their profile row stays, nameless, so the
 * posts, feedback, attendance and answers they gave keep an author that says
 * nothing about them and every total stays right. What identifies them goes:
 * name, contact details, job, organisation, biography, topics, their access
 * and account (when no other workspace has it), their ties to others, their
 * notifications and settings, the e-mail sent to them, their name in the audit
 * trail. Free text others wrote about them is not searched out: the
 * personal-data page lists the records that name them, to be read first.
 */
export function erasePerson(db: Db, ctx: OperationContext, personId: string): Promise<void> {
  return runOperation(db, ctx, 'erase a person', async ({ tx, workspaceId, member, authorize, audit }) => {
    const person = await findPerson(tx, workspaceId, personId);
    if (!person) throw new NotFoundError();
    authorize(privacyPolicy.erase(member, person), 'Only an administrator erases people, and another administrator erases them.');
    if (isErased(person)) throw new NotFoundError();
    const [membership] = await tx
      .select({ accountId: memberships.accountId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, personId)));
    const [account] = membership
      ? await tx.select({ id: accounts.id, email: accounts.email, name: accounts.name }).from(accounts).where(eq(accounts.id, membership.accountId))
      : [];

    await tx
      .update(people)
      .set({
        fullName: ERASED_NAME,
        email: null,
        phone: '',
        jobTitle: '',
        organisationId: null,
        region: '',
        bio: '',
        perspective: null,
        openToContact: false,
        updatedAt: new Date(),
      })
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
    await tx.delete(personTopics).where(and(eq(personTopics.workspaceId, workspaceId), eq(personTopics.personId, personId)));
    await tx.delete(notifications).where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.personId, personId)));
    await tx.delete(notificationSettings).where(and(eq(notificationSettings.workspaceId, workspaceId), eq(notificationSettings.personId, personId)));
    await tx.delete(threadFollowers).where(and(eq(threadFollowers.workspaceId, workspaceId), eq(threadFollowers.personId, personId)));
    await tx
      .delete(relationships)
      .where(and(eq(relationships.workspaceId, workspaceId), sql`(${relationships.personAId} = ${personId} OR ${relationships.personBId} = ${personId})`));
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, personId)));
    if (account) await tx.delete(ssoIdentities).where(and(eq(ssoIdentities.workspaceId, workspaceId), eq(ssoIdentities.accountId, account.id)));
    await unindexPerson(tx, workspaceId, personId);

    const addresses = [person.email, account?.email].filter((address): address is string => Boolean(address)).map((address) => address.toLowerCase());
    for (const address of addresses) {
      await tx.delete(invitations).where(and(eq(invitations.workspaceId, workspaceId), sql`lower(${invitations.email}) = ${address}`));
      await tx.delete(mailMessages).where(and(eq(mailMessages.workspaceId, workspaceId), sql`lower(${mailMessages.toAddress}) = ${address}`));
    }
    // The trail keeps what was done, not by or to whom: their name leaves the rows that carry it.
    const names = [...new Set([person.fullName, account?.name].filter((name): name is string => Boolean(name && name.length > 2)))];
    if (account)
      await tx
        .update(auditEvents)
        .set({ actorName: ERASED_NAME, actorAccountId: null })
        .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.actorAccountId, account.id)));
    for (const name of names)
      await tx
        .update(auditEvents)
        .set({
          summary: sql`replace(${auditEvents.summary}, ${name}, ${ERASED_NAME.toLowerCase()})`,
          actorName: sql`replace(${auditEvents.actorName}, ${name}, ${ERASED_NAME})`,
        })
        .where(and(eq(auditEvents.workspaceId, workspaceId), sql`(${auditEvents.summary} LIKE ${`%${name}%`} OR ${auditEvents.actorName} = ${name})`));
    await tx
      .update(auditEvents)
      .set({ changes: null })
      .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, personId)));
    // The account goes too unless another workspace still gives it access (that workspace erases its own record).
    if (account) {
      const [other] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.accountId, account.id), ne(memberships.workspaceId, workspaceId)))
        .limit(1);
      if (!other) await tx.delete(accounts).where(eq(accounts.id, account.id));
    }
    await audit({
      action: 'person.erased',
      entityType: 'person',
      entityId: personId,
      summary: 'Erased a person’s personal details at their request; their contributions remain under “Erased person”',
    });
  });
}
