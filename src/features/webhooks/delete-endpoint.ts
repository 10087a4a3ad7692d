import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { webhookPolicy } from './policy.ts';
import { findEndpoint } from './queries.ts';
import { webhookEndpoints } from './tables.ts';

/** Remove an endpoint, with its delivery log; nothing more is sent to it. */
export function deleteEndpoint(db: Db, ctx: OperationContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete a webhook', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(webhookPolicy.manage(member));
    const endpoint = await findEndpoint(tx, workspaceId, id);
    if (!endpoint) throw new NotFoundError();
    await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
    await audit({ action: 'webhook.deleted', entityType: 'webhook', entityId: id, summary: `Deleted the webhook ${endpoint.url}` });
    return endpoint.url;
  });
}
