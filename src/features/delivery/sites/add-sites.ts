import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { organisations } from '../../organisations/tables.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliverySites } from '../tables.ts';

/** Add organisations as sites; a hub or region adds every authority beneath it. Returns how many were new. */
export function addSites(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, organisationId: string): Promise<number> {
  return runOperation(db, ctx, 'add delivery sites', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const [chosen] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, organisationId)));
    if (!chosen) throw new RuleError('organisationId', 'Choose an organisation from the list');
    let ids = [chosen.id];
    if (chosen.kind === 'hub' || chosen.kind === 'region') {
      // Authorities are children of hubs, which may be children of regions: walk two levels down.
      const children = await tx
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.parentId, chosen.id)));
      const grandchildren = children.length
        ? await tx
            .select({ id: organisations.id, kind: organisations.kind })
            .from(organisations)
            .where(
              and(
                eq(organisations.workspaceId, workspaceId),
                inArray(
                  organisations.parentId,
                  children.map((c) => c.id),
                ),
              ),
            )
        : [];
      ids = [...children, ...grandchildren].filter((o) => o.kind !== 'hub' && o.kind !== 'region').map((o) => o.id);
      if (!ids.length)
        throw new RuleError(
          'organisationId',
          `${chosen.name} has no authorities beneath it yet. Set each authority’s parent organisation to ${chosen.name} first.`,
        );
    } else if (chosen.kind === 'department') {
      throw new RuleError('organisationId', 'A department is the centre of the programme, not a delivery site. Choose a local authority, hub or region.');
    }
    const added = await tx
      .insert(deliverySites)
      .values(ids.map((id) => ({ workspaceId, programmeId: programme.id, organisationId: id })))
      .onConflictDoNothing()
      .returning({ id: deliverySites.id });
    await audit({
      action: 'delivery.sites_added',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Added ${countOf(added.length, 'site')} from ${chosen.name}`,
    });
    return added.length;
  });
}
