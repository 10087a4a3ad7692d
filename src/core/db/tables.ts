import { getTableName, sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampColumn, updatedAt, rowId } from './columns.ts';

/**
 * Core tables. Workspaces own everything else. Accounts, sessions and password
 * resets are the only tables without `workspace_id`: a sign-in identity is
 * shared by every workspace its owner belongs to, and holds no workspace content
 * (in a sharded deployment they are reference tables).
 */
export const workspaces = pgTable('workspaces', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  isExample: boolean('is_example').notNull().default(false),
  /** Members must sign in through the workspace's single sign-on; a password session is sent there first. */
  ssoRequired: boolean('sso_required').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The `workspace_id` every workspace-owned table starts with: removing a workspace removes its rows. */
export const workspaceIdColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/**
 * A foreign key from one workspace-owned table to another through `workspace_id` as well as the id: Citus
 * asks it of tables distributed by workspace, and a row can then never point at another workspace's row.
 * A key that sets the column to null on delete must name that column in its migration
 * (`ON DELETE SET NULL (column)`, PostgreSQL 15 and later), which Drizzle cannot say: otherwise
 * `workspace_id` would be set to null too.
 */
export function inWorkspace(workspaceId: PgColumn, column: PgColumn, target: { workspaceId: PgColumn; id: PgColumn }) {
  return foreignKey({
    name: `${getTableName(column.table)}_${column.name}_fkey`,
    columns: [workspaceId, column],
    foreignColumns: [target.workspaceId, target.id],
  });
}

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    lastSignInAt: timestampColumn('last_sign_in_at'),
    passwordChangedAt: timestampColumn('password_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('accounts_email_key').on(sql`lower(${t.email})`)],
);

/**
 * Failed sign-ins to an account from one network address. Repeated failures
 * pause that address's attempts on that account only, so a stranger guessing
 * cannot lock the owner out: the owner elsewhere signs in as usual, and a
 * password reset clears every pause.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestampColumn('locked_until'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.address] })],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token, so a leaked table cannot be replayed. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestampColumn('last_seen_at').notNull().defaultNow(),
    expiresAt: timestampColumn('expires_at').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    /**
     * The workspaces whose single sign-on this session has been through: none for a password sign-in.
     * Someone in two workspaces that both require it signs in through each once, not each time they switch.
     */
    ssoWorkspaceIds: uuid('sso_workspace_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestampColumn('expires_at').notNull(),
    usedAt: timestampColumn('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_account_idx').on(t.accountId)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id, { onDelete: 'set null' }),
    /** Kept as text so the trail still reads after the account is erased. */
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('audit_events_workspace_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
    primaryKey({ name: 'audit_events_pkey', columns: [t.id, t.workspaceId] }),
  ],
);

/**
 * Something that happened in a workspace that systems outside may want to
 * hear of (a return submitted, a lesson published), written by the operation
 * in its own transaction: an outbox, so an event is recorded exactly when its
 * change commits. Consumers (webhooks) mark it dispatched once they have
 * taken it.
 */
export const workspaceEvents = pgTable(
  'workspace_events',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    dispatchedAt: timestampColumn('dispatched_at'),
  },
  (t) => [
    index('workspace_events_undispatched_idx')
      .on(t.workspaceId, t.occurredAt)
      .where(sql`${t.dispatchedAt} IS NULL`),
    index('workspace_events_workspace_occurred_idx').on(t.workspaceId, t.occurredAt),
    primaryKey({ name: 'workspace_events_pkey', columns: [t.id, t.workspaceId] }),
  ],
);

export const mailMessages = pgTable(
  'mail_messages',
  {
    id: id(),
    /**
     * Null for account mail (password resets) that belongs to no single workspace. So this table cannot
     * be distributed by workspace: with Citus it stays on the coordinator, like the job queue.
     */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** An iCalendar invitation sent with the message. */
    calendar: jsonb('calendar').$type<{ method: 'REQUEST' | 'CANCEL'; content: string }>(),
    status: text('status', { enum: ['outbox', 'sent', 'failed'] }).notNull(),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestampColumn('sent_at'),
  },
  (t) => [index('mail_messages_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);
