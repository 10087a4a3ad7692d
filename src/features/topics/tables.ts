import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces } from '../../core/db/tables.ts';

/** The workspace taxonomy every later feature tags with. */
export const topics = pgTable(
  'topics',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('topics_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    primaryKey({ name: 'topics_pkey', columns: [t.id, t.workspaceId] }),
  ],
);
