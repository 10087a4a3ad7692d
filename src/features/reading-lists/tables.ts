import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../core/db/columns.ts';
import { workspaces } from '../../core/db/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';

/** A curated, ordered list of evidence, for a topic, a person or a session, or on its own. */
export const readingLists = pgTable(
  'reading_lists',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    topicId: uuid('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    sessionId: uuid('session_id').references(() => programmeSessions.id, { onDelete: 'set null' }),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('reading_lists_workspace_idx').on(t.workspaceId, t.updatedAt),
    index('reading_lists_topic_idx').on(t.workspaceId, t.topicId),
    index('reading_lists_person_idx').on(t.workspaceId, t.personId),
    index('reading_lists_session_idx').on(t.workspaceId, t.sessionId),
  ],
);

export const readingListItems = pgTable(
  'reading_list_items',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => readingLists.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Why this item is on the list, or what to read it for. */
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.listId, t.evidenceId] }), index('reading_list_items_evidence_idx').on(t.workspaceId, t.evidenceId)],
);
