import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

const workspaceId = workspaceIdColumn;

export const emailFrequencies = ['immediately', 'daily', 'weekly', 'never'] as const;
export type EmailFrequency = (typeof emailFrequencies)[number];

export const emailStates = ['pending', 'sent', 'not_sent'] as const;

/**
 * Something a person should know about: they were mentioned, a thread they
 * follow has a reply, a challenge was solved. Shown in their list (the bell)
 * and on their home page, and e-mailed as their settings say. A notification
 * about something inside a scope (a community) is shown only while the person
 * can still see that scope.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    /** What it happened in ("community" and its id), for who may see it and the per-community e-mail setting. */
    scopeKind: text('scope_kind'),
    scopeId: uuid('scope_id'),
    /** The thing it is about ("community_thread:<id>"): opening that thing marks its notifications read. */
    subjectKey: text('subject_key').notNull(),
    title: text('title').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    /** Where to go, inside the workspace ("/communities/…/threads/…#post-…"). */
    path: text('path').notNull(),
    actorPersonId: uuid('actor_person_id'),
    createdAt: createdAt(),
    readAt: timestampColumn('read_at'),
    emailState: text('email_state', { enum: emailStates }).notNull().default('pending'),
    emailedAt: timestampColumn('emailed_at'),
  },
  (t) => [
    index('notifications_person_idx').on(t.workspaceId, t.personId, t.createdAt),
    index('notifications_subject_idx').on(t.workspaceId, t.personId, t.subjectKey),
    index('notifications_pending_email_idx')
      .on(t.workspaceId, t.personId)
      .where(sql`${t.emailState} = 'pending'`),
    primaryKey({ name: 'notifications_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.actorPersonId, people).onDelete('set null'),
  ],
);

/**
 * How often a person wants e-mail: one row with no scope is their own default,
 * and a row per community overrides it there. With no row at all: daily.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    personId: uuid('person_id').notNull(),
    scopeKind: text('scope_kind'),
    scopeId: uuid('scope_id'),
    frequency: text('frequency', { enum: emailFrequencies }).notNull(),
  },
  (t) => [
    uniqueIndex('notification_settings_scope_key').on(
      t.workspaceId,
      t.personId,
      sql`coalesce(${t.scopeKind}, '')`,
      sql`coalesce(${t.scopeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    primaryKey({ name: 'notification_settings_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

/**
 * A link in one e-mail that turns that person's notification e-mail off
 * without signing in. Only a hash of its random token is kept; it works once,
 * for the person it was made for, and expires.
 */
export const unsubscribeLinks = pgTable(
  'unsubscribe_links',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    personId: uuid('person_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestampColumn('expires_at').notNull(),
    usedAt: timestampColumn('used_at'),
  },
  (t) => [
    uniqueIndex('unsubscribe_links_token_key').on(t.tokenHash, t.workspaceId),
    index('unsubscribe_links_person_idx').on(t.workspaceId, t.personId),
    primaryKey({ name: 'unsubscribe_links_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);
