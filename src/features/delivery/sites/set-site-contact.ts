import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { people } from '../../people/tables.ts';
import type { Programme } from '../../programmes/queries.ts';
import { cohortMembers } from '../../programmes/tables.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { siteContacts, type SiteContactRole } from '../tables.ts';
import { findSite } from './queries.ts';

/** Make someone a site's lead or contact. They join the programme's cohort, so they can open its pages. Returns their name. */
export function setSiteContact(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programme: Programme,
  siteId: string,
  input: { personId: string; role: SiteContactRole },
): Promise<string> {
  return runOperation(db, ctx, 'set a site contact', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const site = await findSite(tx, workspaceId, programme.id, siteId);
    if (!site) throw new NotFoundError();
    const [person] = await tx
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, input.personId)));
    if (!person) throw new RuleError('personId', 'Choose a person from the list');
    const { role } = input;
    await tx
      .insert(siteContacts)
      .values({ workspaceId, siteId, personId: person.id, role })
      .onConflictDoUpdate({ target: [siteContacts.siteId, siteContacts.personId, siteContacts.workspaceId], set: { role } });
    await tx.insert(cohortMembers).values({ workspaceId, programmeId: programme.id, personId: person.id, role: 'participant' }).onConflictDoNothing();
    await audit({
      action: 'delivery.site_contact_set',
      entityType: 'programme',
      entityId: programme.id,
      summary: `${person.name} is now ${role === 'lead' ? 'a lead' : 'a contact'} for ${site.name}`,
    });
    return person.name;
  });
}
