import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { people } from '../../people/tables.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { siteContacts } from '../tables.ts';
import { findSite } from './queries.ts';

/** Stop someone being a site's lead or contact; they stay in the cohort, with what they wrote. */
export function removeSiteContact(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programme: Programme,
  siteId: string,
  personId: string,
): Promise<void> {
  return runOperation(db, ctx, 'remove a site contact', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const site = await findSite(tx, workspaceId, programme.id, siteId);
    if (!site) throw new NotFoundError();
    const [removed] = await tx
      .delete(siteContacts)
      .where(and(eq(siteContacts.workspaceId, workspaceId), eq(siteContacts.siteId, siteId), eq(siteContacts.personId, personId)))
      .returning({ personId: siteContacts.personId });
    if (!removed) throw new RuleError('personId', `That person is no longer a lead or contact for ${site.name}.`);
    const [person] = await tx
      .select({ name: people.fullName })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
    await audit({
      action: 'delivery.site_contact_removed',
      entityType: 'programme',
      entityId: programme.id,
      summary: `${person?.name ?? 'Someone'} is no longer a lead or contact for ${site.name}`,
    });
  });
}
