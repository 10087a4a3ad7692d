import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';

const workspaceId = workspaceIdColumn;

export const programmeKinds = ['cohort_learning', 'delivery_support'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];

/** One run of a programme with its cohort: the Mobilise pilot, a hubs support programme. */
export const programmes = pgTable(
  'programmes',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: programmeKinds }).notNull(),
    summary: text('summary').notNull().default(''),
    aims: text('aims').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** A secret in the calendar feed's address, so calendar apps can subscribe without signing in. */
    calendarToken: text('calendar_token').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('programmes_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    uniqueIndex('programmes_calendar_token_key').on(t.calendarToken, t.workspaceId),
    check('programmes_dates_in_order', sql`${t.endsOn} >= ${t.startsOn}`),
    primaryKey({ name: 'programmes_pkey', columns: [t.id, t.workspaceId] }),
  ],
);

export const programmeTopics = pgTable(
  'programme_topics',
  {
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    topicId: uuid('topic_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'programme_topics_pkey', columns: [t.programmeId, t.topicId, t.workspaceId] }),
    index('programme_topics_topic_idx').on(t.workspaceId, t.topicId),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.topicId, topics).onDelete('cascade'),
  ],
);

export const cohortRoles = ['participant', 'facilitator'] as const;
export type CohortRole = (typeof cohortRoles)[number];

/** The cohort: who takes part in a programme and who runs it. */
export const cohortMembers = pgTable(
  'cohort_members',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role', { enum: cohortRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cohort_members_programme_person_key').on(t.programmeId, t.personId, t.workspaceId),
    index('cohort_members_person_idx').on(t.workspaceId, t.personId),
    primaryKey({ name: 'cohort_members_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const learningPreferences = ['talks', 'visits', 'discussion', 'reading', 'one_to_one', 'online'] as const;
export type LearningPreference = (typeof learningPreferences)[number];

/** A participant's answers to the needs intake at the start of a programme. */
export const intakeResponses = pgTable(
  'intake_responses',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    personId: uuid('person_id').notNull(),
    roleDescription: text('role_description').notNull(),
    policyChallenge: text('policy_challenge').notNull(),
    alreadyKnow: text('already_know').notNull().default(''),
    learningPreferences: text('learning_preferences', { enum: learningPreferences })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('intake_responses_programme_person_key').on(t.programmeId, t.personId, t.workspaceId),
    primaryKey({ name: 'intake_responses_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

/** A need on the board: one or more participants' statements grouped by a facilitator. */
export const needs = pgTable(
  'needs',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Set when a facilitator judges the need met; "planned" comes from linked sessions. */
    addressedAt: timestampColumn('addressed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('needs_programme_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'needs_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const needAnswers = ['yes', 'partly', 'no'] as const;
export type NeedAnswer = (typeof needAnswers)[number];

/** One thing a participant said they want to learn, in their own words. */
export const needStatements = pgTable(
  'need_statements',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    personId: uuid('person_id').notNull(),
    text: text('text').notNull(),
    needId: uuid('need_id'),
    /** The participant's own view, later on: was this need answered? */
    answered: text('answered', { enum: needAnswers }),
    createdAt: createdAt(),
  },
  (t) => [
    index('need_statements_programme_idx').on(t.workspaceId, t.programmeId),
    index('need_statements_need_idx').on(t.needId),
    primaryKey({ name: 'need_statements_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.needId, needs).onDelete('set null'),
  ],
);

export const sessionKinds = ['masterclass', 'field_visit', 'action_learning_set', 'networking', 'consultancy', 'webinar'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const programmeSessions = pgTable(
  'programme_sessions',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    kind: text('kind', { enum: sessionKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at').notNull(),
    place: text('place').notNull().default(''),
    onlineLink: text('online_link').notNull().default(''),
    /** Field visits: the setting's address, who the group meets, and safeguarding arrangements. */
    address: text('address').notNull().default(''),
    whoToMeet: text('who_to_meet').notNull().default(''),
    safeguardingNotes: text('safeguarding_notes').notNull().default(''),
    reflectionPrompt: text('reflection_prompt').notNull().default(''),
    materials: text('materials').notNull().default(''),
    facilitatorNotes: text('facilitator_notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('programme_sessions_programme_idx').on(t.workspaceId, t.programmeId, t.startsAt),
    check('programme_sessions_times_in_order', sql`${t.endsAt} > ${t.startsAt}`),
    primaryKey({ name: 'programme_sessions_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'session_speakers_pkey', columns: [t.sessionId, t.personId, t.workspaceId] }),
    index('session_speakers_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const sessionNeeds = pgTable(
  'session_needs',
  {
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    needId: uuid('need_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'session_needs_pkey', columns: [t.sessionId, t.needId, t.workspaceId] }),
    index('session_needs_need_idx').on(t.workspaceId, t.needId),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.needId, needs).onDelete('cascade'),
  ],
);

/** A session's reading list, in the order it should be read. */
export const sessionReadings = pgTable(
  'session_readings',
  {
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    evidenceItemId: uuid('evidence_item_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'session_readings_pkey', columns: [t.sessionId, t.evidenceItemId, t.workspaceId] }),
    index('session_readings_item_idx').on(t.workspaceId, t.evidenceItemId),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.evidenceItemId, evidenceItems).onDelete('cascade'),
  ],
);

export const attendanceStatuses = ['attended', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendance = pgTable(
  'session_attendance',
  {
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    personId: uuid('person_id').notNull(),
    status: text('status', { enum: attendanceStatuses }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'session_attendance_pkey', columns: [t.sessionId, t.personId, t.workspaceId] }),
    index('session_attendance_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const sessionFeedback = pgTable(
  'session_feedback',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    personId: uuid('person_id').notNull(),
    usefulness: integer('usefulness').notNull(),
    mostUseful: text('most_useful').notNull().default(''),
    toChange: text('to_change').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('session_feedback_session_person_key').on(t.sessionId, t.personId, t.workspaceId),
    index('session_feedback_workspace_idx').on(t.workspaceId, t.sessionId),
    check('session_feedback_usefulness_range', sql`${t.usefulness} between 1 and 5`),
    primaryKey({ name: 'session_feedback_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

/** "You said, we did": a change made to the programme because of what participants said. */
export const programmeChanges = pgTable(
  'programme_changes',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    youSaid: text('you_said').notNull(),
    weDid: text('we_did').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    recordedByPersonId: uuid('recorded_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('programme_changes_programme_idx').on(t.workspaceId, t.programmeId, t.madeOn),
    primaryKey({ name: 'programme_changes_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.recordedByPersonId, people).onDelete('set null'),
  ],
);

/** The feedback that prompted a change. */
export const changeFeedback = pgTable(
  'programme_change_feedback',
  {
    workspaceId: workspaceId(),
    changeId: uuid('change_id').notNull(),
    feedbackId: uuid('feedback_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'programme_change_feedback_pkey', columns: [t.changeId, t.feedbackId, t.workspaceId] }),
    index('programme_change_feedback_feedback_idx').on(t.workspaceId, t.feedbackId),
    inWorkspace(t.workspaceId, t.changeId, programmeChanges).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.feedbackId, sessionFeedback).onDelete('cascade'),
  ],
);

/** Each participant's own policy challenge, worked on through action learning. */
export const challenges = pgTable(
  'policy_challenges',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    personId: uuid('person_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('policy_challenges_programme_person_key').on(t.programmeId, t.personId, t.workspaceId),
    primaryKey({ name: 'policy_challenges_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const actionEntryKinds = ['action', 'reflection'] as const;
export type ActionEntryKind = (typeof actionEntryKinds)[number];

/** The action log of a challenge: what the participant did or learned, and the evidence they used. */
export const actionEntries = pgTable(
  'action_entries',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    challengeId: uuid('challenge_id').notNull(),
    kind: text('kind', { enum: actionEntryKinds }).notNull(),
    text: text('text').notNull(),
    evidenceUsed: text('evidence_used').notNull().default(''),
    evidenceItemId: uuid('evidence_item_id'),
    dueOn: date('due_on', { mode: 'string' }),
    doneAt: timestampColumn('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('action_entries_challenge_idx').on(t.workspaceId, t.challengeId, t.createdAt),
    primaryKey({ name: 'action_entries_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.challengeId, challenges).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.evidenceItemId, evidenceItems).onDelete('set null'),
  ],
);

/** An action learning set: who presented their challenge, and what the set agreed with them. */
export const setPresentations = pgTable(
  'action_learning_presentations',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    sessionId: uuid('session_id').notNull(),
    personId: uuid('person_id').notNull(),
    agreed: text('agreed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('action_learning_presentations_session_person_key').on(t.sessionId, t.personId, t.workspaceId),
    primaryKey({ name: 'action_learning_presentations_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

/**
 * The `programme_id` of tables that belong to one programme. Each such table declares
 * `inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade')`, so removing the programme removes them.
 */
export const programmeIdColumn = () => uuid('programme_id').notNull();
