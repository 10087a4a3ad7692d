import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampColumn } from '../../core/db/columns.ts';
import { workspaceIdColumn } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

/**
 * A handover: what a person leaving a role holds, gathered in one pack, and
 * once a successor is named, passed to them. The pack is read from the
 * records themselves, so it is never out of date while it is being prepared.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: id(),
    workspaceId: workspaceIdColumn(),
    fromPersonId: uuid('from_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    toPersonId: uuid('to_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** In the leaver's words: what the successor most needs to know. */
    note: text('note').notNull().default(''),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    handedOverAt: timestampColumn('handed_over_at'),
  },
  (t) => [index('handovers_from_idx').on(t.workspaceId, t.fromPersonId)],
);
