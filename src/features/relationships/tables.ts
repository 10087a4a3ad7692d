import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';

const workspaceId = workspaceIdColumn;

export const relationshipKinds = ['introduced', 'met', 'collaborated', 'co_presented', 'answered_challenge'] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];

/**
 * A tie between two people that someone recorded: they were introduced, met,
 * worked together. Ties the work itself shows (sitting in the same session,
 * presenting together, an answer that helped) are derived when read, never
 * stored, so they cannot drift from the records they come from. The pair is
 * kept in one order (a < b) so each tie is stored once.
 */
export const relationships = pgTable(
  'relationships',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    personAId: uuid('person_a_id').notNull(),
    personBId: uuid('person_b_id').notNull(),
    kind: text('kind', { enum: relationshipKinds }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    introductionId: uuid('introduction_id'),
    recordedByPersonId: uuid('recorded_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    check('relationships_pair_in_order', sql`${t.personAId} < ${t.personBId}`),
    uniqueIndex('relationships_tie_key').on(t.workspaceId, t.personAId, t.personBId, t.kind, t.occurredOn),
    index('relationships_person_b_idx').on(t.workspaceId, t.personBId),
    primaryKey({ name: 'relationships_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.personAId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personBId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.introductionId, introductions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.recordedByPersonId, people).onDelete('set null'),
  ],
);

export const introductionOutcomes = ['met', 'will_meet', 'did_not_meet'] as const;
export type IntroductionOutcome = (typeof introductionOutcomes)[number];

/** A facilitator introducing two or more people, with a note, in one e-mail to all; followed up later ("did you meet?"). */
export const introductions = pgTable(
  'introductions',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    introducedByPersonId: uuid('introduced_by_person_id'),
    note: text('note').notNull(),
    followUpOn: date('follow_up_on', { mode: 'string' }).notNull(),
    outcome: text('outcome', { enum: introductionOutcomes }),
    outcomeNote: text('outcome_note').notNull().default(''),
    outcomeRecordedAt: timestampColumn('outcome_recorded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('introductions_follow_up_idx').on(t.workspaceId, t.followUpOn),
    primaryKey({ name: 'introductions_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.introducedByPersonId, people).onDelete('set null'),
  ],
);

export const introductionPeople = pgTable(
  'introduction_people',
  {
    workspaceId: workspaceId(),
    introductionId: uuid('introduction_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'introduction_people_pkey', columns: [t.introductionId, t.personId, t.workspaceId] }),
    index('introduction_people_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.introductionId, introductions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);
