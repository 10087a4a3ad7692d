import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, rowId, timestampColumn, updatedAt } from '../../../core/db/columns.ts';
import { inWorkspace, workspaceIdColumn } from '../../../core/db/tables.ts';
import { people } from '../../people/tables.ts';
import { programmeIdColumn, programmes } from '../../programmes/tables.ts';
import { checkpointRounds } from '../tables.ts';

const workspaceId = workspaceIdColumn;
const programmeId = programmeIdColumn;

export const briefingStatuses = ['draft', 'shared'] as const;
export type BriefingStatus = (typeof briefingStatuses)[number];

/** The briefing for a round's checkpoint meeting: generated, then edited by facilitators before it is shared. */
export const checkpointBriefings = pgTable(
  'checkpoint_briefings',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    roundId: uuid('round_id').notNull(),
    headline: text('headline').notNull().default(''),
    progress: text('progress').notNull().default(''),
    themes: text('themes').notNull().default(''),
    risks: text('risks').notNull().default(''),
    goodPractice: text('good_practice').notNull().default(''),
    status: text('status', { enum: briefingStatuses }).notNull().default('draft'),
    sharedAt: timestampColumn('shared_at'),
    updatedByPersonId: uuid('updated_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('checkpoint_briefings_round_key').on(t.roundId, t.workspaceId),
    index('checkpoint_briefings_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'checkpoint_briefings_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.roundId, checkpointRounds).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.updatedByPersonId, people).onDelete('set null'),
  ],
);
