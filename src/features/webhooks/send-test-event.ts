import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { TEST_EVENT_TYPE } from './event-types.ts';
import { webhookBody } from './payload.ts';
import { webhookPolicy } from './policy.ts';
import { findEndpoint } from './queries.ts';
import { webhookDeliveries } from './tables.ts';

/** Queue a test event for one endpoint (on or off), to see that it is reached and checks the signature. */
export function sendTestEvent(db: Db, ctx: OperationContext, id: string, publicUrl: string): Promise<void> {
  return runOperation(db, ctx, 'send a webhook a test event', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(webhookPolicy.manage(member));
    const endpoint = await findEndpoint(tx, workspaceId, id);
    if (!endpoint) throw new NotFoundError();
    const event = {
      id: randomUUID(),
      type: TEST_EVENT_TYPE,
      occurredAt: new Date(),
      data: { message: 'A test event sent from Bridgework’s webhook page.', sentBy: ctx.actor.name, path: `/w/${ctx.workspace.slug}/webhooks/${id}` },
    };
    await tx.insert(webhookDeliveries).values({
      workspaceId,
      endpointId: id,
      eventId: event.id,
      eventType: event.type,
      body: webhookBody(event, ctx.workspace, publicUrl),
    });
    await audit({ action: 'webhook.tested', entityType: 'webhook', entityId: id, summary: `Sent a test event to the webhook ${endpoint.url}` });
  });
}
