import { boolean, index, integer, pgTable, text, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

/** An address outside Bridgework that is sent the workspace's events it asks for, signed with its own secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** The event types it is sent (see events.ts). */
    events: text('events').array().notNull(),
    /**
     * The signing secret (Standard Webhooks' `whsec_…`): kept as it is, because
     * each request is signed with it; shown to the workspace's administrators.
     */
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    createdByPersonId: uuid('created_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('webhook_endpoints_workspace_idx').on(t.workspaceId),
    primaryKey({ name: 'webhook_endpoints_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

export const deliveryStates = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * One event for one endpoint: the exact body that is signed and sent (the
 * same on every attempt), where it stands, and when it is next tried.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    endpointId: uuid('endpoint_id').notNull(),
    /** The event's id, sent as `webhook-id`: the same on every attempt, so a receiver can ignore a repeat. */
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: deliveryStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampColumn('next_attempt_at').notNull().defaultNow(),
    /** While one server is sending it, until when the others leave it alone. */
    leaseUntil: timestampColumn('lease_until'),
    deliveredAt: timestampColumn('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.workspaceId, t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.workspaceId, t.state, t.nextAttemptAt),
    primaryKey({ name: 'webhook_deliveries_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.endpointId, webhookEndpoints).onDelete('cascade'),
  ],
);

/** Each time a delivery was tried: what the endpoint answered, or why it could not be reached. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    deliveryId: uuid('delivery_id').notNull(),
    attemptedAt: timestampColumn('attempted_at').notNull().defaultNow(),
    /** The HTTP status answered; none when no answer came. */
    responseStatus: integer('response_status'),
    /** The start of the answer's body, for the log. */
    responseBody: text('response_body').notNull().default(''),
    error: text('error').notNull().default(''),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    index('webhook_attempts_delivery_idx').on(t.workspaceId, t.deliveryId, t.attemptedAt),
    primaryKey({ name: 'webhook_attempts_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.deliveryId, webhookDeliveries).onDelete('cascade'),
  ],
);
