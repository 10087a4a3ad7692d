import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { rows, type Db } from '../../core/db/client.ts';
import { workspaceEvents, workspaces } from '../../core/db/tables.ts';
import { TEST_EVENT_TYPE } from './event-types.ts';
import { OutboundRefused, postJson, type AllowedHosts } from './outbound.ts';
import { webhookBody } from './payload.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './tables.ts';

export const WEBHOOK_DELIVERY_JOB = 'webhooks.deliver';

/** Tries before a delivery is given up as failed, and the wait after each failed one: 30 s, then four times longer, at most 2 hours (about 7 hours in all). */
export const MAX_ATTEMPTS = 8;
export const retryDelaySeconds = (attempt: number): number => Math.min(30 * 4 ** (attempt - 1), 2 * 60 * 60);

/** How long one server holds a delivery it is sending before another may take it (an answer takes at most 10 s). */
const LEASE_SECONDS = 60;
/** Events turned into deliveries per workspace in one transaction. */
const EVENTS_PER_BATCH = 200;

/**
 * Turn the events operations recorded into deliveries, one for each endpoint
 * that is on and asks for that type, and mark the events dispatched, in one
 * transaction per workspace. Several servers may run this at once: each event
 * is locked by the one that takes it (SKIP LOCKED).
 */
export async function dispatchEvents(db: Db, publicUrl: string): Promise<number> {
  const pending = await rows<{ workspace_id: string }>(db, sql`SELECT DISTINCT e.workspace_id FROM ${workspaceEvents} e WHERE e.dispatched_at IS NULL`);
  let made = 0;
  for (const { workspace_id: workspaceId } of pending) {
    made += await db.transaction(async (tx) => {
      const events = await rows<{ id: string; type: string; data: Record<string, unknown>; occurred_at: Date | string }>(
        tx,
        sql`SELECT e.id, e.type, e.data, e.occurred_at FROM ${workspaceEvents} e
            WHERE e.workspace_id = ${workspaceId} AND e.dispatched_at IS NULL
            ORDER BY e.occurred_at LIMIT ${EVENTS_PER_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!events.length) return 0;
      const [workspace] = await tx.select({ slug: workspaces.slug, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
      const endpoints = await tx
        .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.active, true)));
      const deliveries = events.flatMap((event) => {
        const body = webhookBody({ ...event, occurredAt: new Date(event.occurred_at) }, workspace, publicUrl);
        return endpoints
          .filter((endpoint) => endpoint.events.includes(event.type))
          .map((endpoint) => ({ workspaceId, endpointId: endpoint.id, eventId: event.id, eventType: event.type, body }));
      });
      if (deliveries.length) await tx.insert(webhookDeliveries).values(deliveries);
      await tx.execute(
        sql`UPDATE ${workspaceEvents} SET dispatched_at = now()
            WHERE workspace_id = ${workspaceId} AND id IN (${sql.join(
              events.map((event) => sql`${event.id}::uuid`),
              sql`, `,
            )})`,
      );
      return deliveries.length;
    });
  }
  return made;
}

interface Claimed {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
}

/** Take the next due delivery of a workspace for this server: due and waiting, or left sending by a server that stopped. */
async function claimNext(db: Db, workspaceId: string): Promise<Claimed | undefined> {
  const [claimed] = await rows<Claimed>(
    db,
    sql`UPDATE ${webhookDeliveries} SET state = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
        WHERE workspace_id = ${workspaceId} AND id = (
          SELECT d.id FROM ${webhookDeliveries} d
          WHERE d.workspace_id = ${workspaceId}
            AND ((d.state = 'pending' AND d.next_attempt_at <= now()) OR (d.state = 'sending' AND d.lease_until < now()))
          ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, workspace_id, endpoint_id, event_id, event_type, body, attempts`,
  );
  return claimed;
}

export interface DeliveryRun {
  delivered: number;
  failed: number;
  retrying: number;
  /** Seconds until the soonest retry, to wake the queue then. */
  nextRetryInSeconds?: number;
}

/**
 * Send every due delivery, one at a time: sign the stored body (Standard
 * Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), POST it,
 * and log the attempt. A 2xx answer delivers it; anything else is tried again
 * later, growing the wait, until MAX_ATTEMPTS. Deliveries to an endpoint
 * turned off are not sent (a test event is).
 */
export async function deliverDue(db: Db, allowedHosts: AllowedHosts, limit = 100): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, failed: 0, retrying: 0 };
  const due = await rows<{ workspace_id: string }>(
    db,
    sql`SELECT DISTINCT d.workspace_id FROM ${webhookDeliveries} d
        WHERE (d.state = 'pending' AND d.next_attempt_at <= now()) OR (d.state = 'sending' AND d.lease_until < now())`,
  );
  for (const { workspace_id: workspaceId } of due) {
    while (limit > 0) {
      const claimed = await claimNext(db, workspaceId);
      if (!claimed) break;
      limit--;
      const [endpoint] = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, claimed.endpoint_id)));
      // Deleting an endpoint deletes its deliveries: one claimed meanwhile has nowhere to go.
      if (!endpoint) continue;
      const started = Date.now();
      let outcome: { status?: number; body?: string; error?: string; durationMs: number };
      if (!endpoint.active && claimed.event_type !== TEST_EVENT_TYPE) outcome = { error: 'Not sent: the webhook is turned off.', durationMs: 0 };
      else {
        const at = new Date();
        const signature = new Webhook(endpoint.secret).sign(claimed.event_id, at, claimed.body);
        try {
          const answer = await postJson(
            endpoint.url,
            claimed.body,
            {
              'user-agent': 'Bridgework-Webhooks/1',
              'webhook-id': claimed.event_id,
              'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
              'webhook-signature': signature,
            },
            allowedHosts,
          );
          outcome = { status: answer.status, body: answer.body, durationMs: answer.durationMs };
        } catch (error) {
          outcome = {
            error: error instanceof OutboundRefused ? error.message : `Could not reach the endpoint: ${(error as Error).message}`,
            durationMs: Date.now() - started,
          };
        }
      }
      const delivered = !outcome.error && outcome.status !== undefined && outcome.status >= 200 && outcome.status <= 299;
      const turnedOff = !endpoint.active && claimed.event_type !== TEST_EVENT_TYPE;
      const givenUp = !delivered && (turnedOff || claimed.attempts >= MAX_ATTEMPTS);
      const wait = retryDelaySeconds(claimed.attempts);
      await db.transaction(async (tx) => {
        await tx.insert(webhookAttempts).values({
          workspaceId,
          deliveryId: claimed.id,
          responseStatus: outcome.status ?? null,
          responseBody: outcome.body ?? '',
          error: outcome.error ?? '',
          durationMs: outcome.durationMs,
        });
        await tx
          .update(webhookDeliveries)
          .set(
            delivered
              ? { state: 'delivered', deliveredAt: new Date(), leaseUntil: null }
              : givenUp
                ? { state: 'failed', leaseUntil: null }
                : { state: 'pending', leaseUntil: null, nextAttemptAt: sql`now() + make_interval(secs => ${wait})` },
          )
          .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, claimed.id)));
      });
      if (delivered) run.delivered++;
      else if (givenUp) run.failed++;
      else {
        run.retrying++;
        run.nextRetryInSeconds = Math.min(run.nextRetryInSeconds ?? wait, wait);
      }
    }
  }
  return run;
}

/** How long events and finished deliveries are kept: long enough to look into a problem, not for ever. */
export const WEBHOOK_HISTORY_DAYS = 30;

/** Forget events passed on, and deliveries finished, more than WEBHOOK_HISTORY_DAYS ago (the hourly maintenance). */
export async function pruneWebhookHistory(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM ${workspaceEvents} WHERE dispatched_at < now() - make_interval(days => ${WEBHOOK_HISTORY_DAYS})`);
  await db.execute(
    sql`DELETE FROM ${webhookDeliveries} WHERE state IN ('delivered', 'failed') AND created_at < now() - make_interval(days => ${WEBHOOK_HISTORY_DAYS})`,
  );
}
