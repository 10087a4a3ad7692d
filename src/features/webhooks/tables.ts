import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampColumn, updatedAt } from '../../core/db/columns.ts';
import { workspaceIdColumn } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

/** An address outside Bridgework that is sent the workspace's events it asks for, signed with its own secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
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
    createdByPersonId: uuid('created_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspaceId)],
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
    id: id(),
    workspaceId: workspaceIdColumn(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
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
  ],
);

/** Each time a delivery was tried: what the endpoint answered, or why it could not be reached. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: id(),
    workspaceId: workspaceIdColumn(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestampColumn('attempted_at').notNull().defaultNow(),
    /** The HTTP status answered; none when no answer came. */
    responseStatus: integer('response_status'),
    /** The start of the answer's body, for the log. */
    responseBody: text('response_body').notNull().default(''),
    error: text('error').notNull().default(''),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.workspaceId, t.deliveryId, t.attemptedAt)],
);
