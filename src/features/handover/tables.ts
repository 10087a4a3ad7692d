import { index, pgTable, text, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

/**
 * A handover: what a person leaving a role holds, gathered in one pack, and
 * once a successor is named, passed to them. The pack is read from the
 * records themselves, so it is never out of date while it is being prepared.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    fromPersonId: uuid('from_person_id').notNull(),
    toPersonId: uuid('to_person_id'),
    /** In the leaver's words: what the successor most needs to know. */
    note: text('note').notNull().default(''),
    createdByPersonId: uuid('created_by_person_id'),
    createdAt: createdAt(),
    handedOverAt: timestampColumn('handed_over_at'),
  },
  (t) => [
    index('handovers_from_idx').on(t.workspaceId, t.fromPersonId),
    primaryKey({ name: 'handovers_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.fromPersonId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.toPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);
