import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { checkWebhookUrl, type AllowedHosts } from './outbound.ts';
import { webhookPolicy } from './policy.ts';
import { findEndpoint } from './queries.ts';
import type { EndpointInput } from './schemas.ts';
import { newSigningSecret } from './secrets.ts';
import { webhookEndpoints } from './tables.ts';

/** Add an endpoint (with a new signing secret), or change one's address, events or whether it is on. */
export function saveEndpoint(db: Db, ctx: OperationContext, input: EndpointInput, allowedHosts: AllowedHosts, id?: string): Promise<string> {
  return runOperation(db, ctx, id ? 'change a webhook' : 'add a webhook', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(webhookPolicy.manage(member));
    const problem = checkWebhookUrl(input.url, allowedHosts);
    if (problem) throw new RuleError('url', problem);
    const values = { url: input.url, description: input.description, events: input.events, active: input.active === 'yes' };
    if (!id) {
      const [created] = await tx
        .insert(webhookEndpoints)
        .values({ workspaceId, ...values, secret: newSigningSecret(), createdByPersonId: personIdOf(member) })
        .returning({ id: webhookEndpoints.id });
      await audit({ action: 'webhook.created', entityType: 'webhook', entityId: created.id, summary: `Added the webhook ${input.url}` });
      return created.id;
    }
    const existing = await findEndpoint(tx, workspaceId, id);
    if (!existing) throw new NotFoundError();
    await tx
      .update(webhookEndpoints)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
    await audit({
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: id,
      summary: `Changed the webhook ${input.url}${existing.active !== values.active ? (values.active ? ' and turned it on' : ' and turned it off') : ''}`,
      changes: Object.fromEntries(
        (['url', 'description', 'active'] as const)
          .filter((key) => existing[key] !== values[key])
          .map((key) => [key, { from: existing[key], to: values[key] }]),
      ),
    });
    return id;
  });
}
