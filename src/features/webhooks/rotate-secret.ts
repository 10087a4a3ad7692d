import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { webhookPolicy } from './policy.ts';
import { findEndpoint } from './queries.ts';
import { newSigningSecret } from './secrets.ts';
import { webhookEndpoints } from './tables.ts';

/** Give an endpoint a new signing secret (the old one may have leaked); requests from now on are signed with it. */
export function rotateSecret(db: Db, ctx: OperationContext, id: string): Promise<void> {
  return runOperation(db, ctx, 'change a webhook’s signing secret', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(webhookPolicy.manage(member));
    const endpoint = await findEndpoint(tx, workspaceId, id);
    if (!endpoint) throw new NotFoundError();
    await tx
      .update(webhookEndpoints)
      .set({ secret: newSigningSecret(), updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
    await audit({
      action: 'webhook.secret_changed',
      entityType: 'webhook',
      entityId: id,
      summary: `Changed the signing secret of the webhook ${endpoint.url}`,
    });
  });
}
