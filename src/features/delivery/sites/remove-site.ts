import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { checkpointReturns, deliverySites } from '../tables.ts';
import { findSite } from './queries.ts';

/** Take a site out of the programme; one with returns stays, so its history is kept. Returns its name. */
export function removeSite(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, siteId: string): Promise<string> {
  return runOperation(db, ctx, 'remove a delivery site', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const site = await findSite(tx, workspaceId, programme.id, siteId);
    if (!site) throw new NotFoundError();
    const [used] = await tx
      .select({ id: checkpointReturns.id })
      .from(checkpointReturns)
      .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.siteId, siteId)))
      .limit(1);
    if (used)
      throw new RuleError('site', `${site.name} has returns, so it stays in the programme to keep them. Its returns are still shown in the dashboard history.`);
    await tx.delete(deliverySites).where(and(eq(deliverySites.workspaceId, workspaceId), eq(deliverySites.id, siteId)));
    await audit({
      action: 'delivery.site_removed',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Removed ${site.name} from the programme’s sites`,
    });
    return site.name;
  });
}
