import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './tables.ts';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export async function endpointsOf(db: Executor, workspaceId: string) {
  const list = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(webhookEndpoints.createdAt);
  if (!list.length) return [];
  // Each endpoint's latest delivery, for the list's "last sent" column.
  const latest = await rows<{ endpoint_id: string; state: string; created_at: Date | string }>(
    db,
    sql`SELECT DISTINCT ON (d.endpoint_id) d.endpoint_id, d.state, d.created_at FROM ${webhookDeliveries} d
        WHERE d.workspace_id = ${workspaceId} ORDER BY d.endpoint_id, d.created_at DESC`,
  );
  const byEndpoint = new Map(latest.map((row) => [row.endpoint_id, { state: row.state, at: new Date(row.created_at) }]));
  return list.map((endpoint) => ({ ...endpoint, latest: byEndpoint.get(endpoint.id) }));
}

export async function findEndpoint(db: Executor, workspaceId: string, id: string): Promise<WebhookEndpoint | undefined> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  return endpoint;
}

/** An endpoint's latest deliveries, each with its attempts, newest first. */
export async function deliveriesOf(db: Executor, workspaceId: string, endpointId: string, limit = 50) {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  if (!deliveries.length) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      and(
        eq(webhookAttempts.workspaceId, workspaceId),
        inArray(
          webhookAttempts.deliveryId,
          deliveries.map((delivery) => delivery.id),
        ),
      ),
    )
    .orderBy(webhookAttempts.attemptedAt);
  return deliveries.map((delivery) => ({ ...delivery, attemptLog: attempts.filter((attempt) => attempt.deliveryId === delivery.id) }));
}

export async function findDelivery(db: Executor, workspaceId: string, endpointId: string, id: string) {
  const [delivery] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)));
  return delivery;
}
