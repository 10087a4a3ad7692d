import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

/** Kinds of record a workspace may choose to keep for a limited time. */
export const retentionKinds = ['mail', 'notifications', 'audit'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/**
 * A workspace's own privacy notice (what it uses people's data for, on what
 * basis, whom to ask) and how long it keeps each kind of record.
 */
export const privacySettings = pgTable(
  'privacy_settings',
  {
    workspaceId: workspaceIdColumn().primaryKey(),
    /** Markdown, shown on the workspace's public privacy notice. */
    notice: text('notice').notNull().default(''),
    /** Months each kind is kept; a kind not named is kept as long as the workspace. */
    retention: jsonb('retention').$type<Partial<Record<RetentionKind, number>>>().notNull().default({}),
    updatedByPersonId: uuid('updated_by_person_id'),
    updatedAt: updatedAt(),
  },
  (t) => [inWorkspace(t.workspaceId, t.updatedByPersonId, people).onDelete('set null')],
);
