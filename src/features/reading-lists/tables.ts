import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';

/** A curated, ordered list of evidence, for a topic, a person or a session, or on its own. */
export const readingLists = pgTable(
  'reading_lists',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    topicId: uuid('topic_id'),
    personId: uuid('person_id'),
    sessionId: uuid('session_id'),
    createdByPersonId: uuid('created_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('reading_lists_workspace_idx').on(t.workspaceId, t.updatedAt),
    index('reading_lists_topic_idx').on(t.workspaceId, t.topicId),
    index('reading_lists_person_idx').on(t.workspaceId, t.personId),
    index('reading_lists_session_idx').on(t.workspaceId, t.sessionId),
    primaryKey({ name: 'reading_lists_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.topicId, topics).onDelete('set null'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

export const readingListItems = pgTable(
  'reading_list_items',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    listId: uuid('list_id').notNull(),
    evidenceId: uuid('evidence_id').notNull(),
    position: integer('position').notNull(),
    /** Why this item is on the list, or what to read it for. */
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ name: 'reading_list_items_pkey', columns: [t.listId, t.evidenceId, t.workspaceId] }),
    index('reading_list_items_evidence_idx').on(t.workspaceId, t.evidenceId),
    inWorkspace(t.workspaceId, t.listId, readingLists).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.evidenceId, evidenceItems).onDelete('cascade'),
  ],
);
