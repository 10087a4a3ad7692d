import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { webhookPolicy } from './policy.ts';
import { findDelivery, findEndpoint } from './queries.ts';
import { webhookDeliveries } from './tables.ts';

/**
 * Send a delivery again, as a new delivery of the same event with the same
 * body and id (a receiver that already has it can tell it is a repeat).
 */
export function sendAgain(db: Db, ctx: OperationContext, endpointId: string, deliveryId: string): Promise<void> {
  return runOperation(db, ctx, 'send a webhook event again', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(webhookPolicy.manage(member));
    const endpoint = await findEndpoint(tx, workspaceId, endpointId);
    const delivery = endpoint && (await findDelivery(tx, workspaceId, endpointId, deliveryId));
    if (!endpoint || !delivery) throw new NotFoundError();
    await tx.insert(webhookDeliveries).values({ workspaceId, endpointId, eventId: delivery.eventId, eventType: delivery.eventType, body: delivery.body });
    await audit({
      action: 'webhook.resent',
      entityType: 'webhook',
      entityId: endpointId,
      summary: `Sent the ${delivery.eventType} event again to the webhook ${endpoint.url}`,
    });
  });
}
