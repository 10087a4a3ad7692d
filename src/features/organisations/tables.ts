import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';

export const organisationKinds = ['department', 'local_authority', 'hub', 'region', 'university', 'charity', 'provider', 'other'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    /** A local authority inside a hub, a hub inside a region. */
    parentId: uuid('parent_id'),
    region: text('region').notNull().default(''),
    website: text('website').notNull().default(''),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organisations_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('organisations_workspace_parent_idx').on(t.workspaceId, t.parentId),
    primaryKey({ name: 'organisations_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.parentId, { workspaceId: t.workspaceId, id: t.id }).onDelete('set null'),
  ],
);
