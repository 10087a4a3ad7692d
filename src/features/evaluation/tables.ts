import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmeIdColumn, programmes, programmeSessions } from '../programmes/tables.ts';

const workspaceId = workspaceIdColumn;
const programmeId = programmeIdColumn;

/** One outcome the programme means to change, e.g. "confidence to advocate and use evidence". */
export const outcomeDomains = pgTable(
  'outcome_domains',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('outcome_domains_programme_idx').on(t.workspaceId, t.programmeId, t.position),
    primaryKey({ name: 'outcome_domains_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const questionKinds = ['likert', 'single', 'multiple', 'number', 'text', 'retrospective'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/**
 * A question in the programme's bank. Surveys of different waves share
 * questions, which is what lets answers be paired from baseline to final.
 */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    domainId: uuid('domain_id'),
    kind: text('kind', { enum: questionKinds }).notNull(),
    text: text('text').notNull(),
    hint: text('hint').notNull().default(''),
    /** Likert and retrospective questions: 5 or 7 points, each labelled. */
    scalePoints: integer('scale_points'),
    scaleLabels: text('scale_labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Choice questions: the options, in order. */
    options: text('options')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** "I now work differently": the question behind the report's share who agree. */
    measuresPracticeChange: boolean('measures_practice_change').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('survey_questions_programme_idx').on(t.workspaceId, t.programmeId, t.position),
    primaryKey({ name: 'survey_questions_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.domainId, outcomeDomains).onDelete('set null'),
  ],
);

export const surveyWaves = ['baseline', 'midpoint', 'final', 'follow_up'] as const;
export type SurveyWave = (typeof surveyWaves)[number];
export const surveyStatuses = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveys = pgTable(
  'surveys',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    title: text('title').notNull(),
    wave: text('wave', { enum: surveyWaves }).notNull(),
    introduction: text('introduction').notNull().default(''),
    /** Anonymous surveys never link an answer to a person; answers pair through a code the respondent chooses. */
    anonymous: boolean('anonymous').notNull().default(false),
    status: text('status', { enum: surveyStatuses }).notNull().default('draft'),
    closesOn: date('closes_on', { mode: 'string' }),
    openedAt: timestampColumn('opened_at'),
    closedAt: timestampColumn('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('surveys_programme_wave_key').on(t.programmeId, t.wave, t.workspaceId),
    index('surveys_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'surveys_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const surveyItems = pgTable(
  'survey_items',
  {
    workspaceId: workspaceId(),
    surveyId: uuid('survey_id').notNull(),
    questionId: uuid('question_id').notNull(),
    position: integer('position').notNull(),
    required: boolean('required').notNull().default(true),
  },
  (t) => [
    primaryKey({ name: 'survey_items_pkey', columns: [t.surveyId, t.questionId, t.workspaceId] }),
    index('survey_items_question_idx').on(t.workspaceId, t.questionId),
    inWorkspace(t.workspaceId, t.surveyId, surveys).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.questionId, surveyQuestions).onDelete('cascade'),
  ],
);

/** A personal link to a survey, e-mailed to one participant; only its hash is kept. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    surveyId: uuid('survey_id').notNull(),
    personId: uuid('person_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The link's token encrypted with the server secret, so reminders can send the same link again. */
    tokenCipher: text('token_cipher').notNull(),
    sentAt: timestampColumn('sent_at'),
    remindedAt: timestampColumn('reminded_at'),
    /** Set when they submit; for anonymous surveys this is all that links them to the survey. */
    respondedAt: timestampColumn('responded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('survey_invitations_survey_person_key').on(t.surveyId, t.personId, t.workspaceId),
    uniqueIndex('survey_invitations_token_key').on(t.tokenHash, t.workspaceId),
    primaryKey({ name: 'survey_invitations_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.surveyId, surveys).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const responseStatuses = ['in_progress', 'submitted'] as const;

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    surveyId: uuid('survey_id').notNull(),
    /** Named surveys only. */
    personId: uuid('person_id'),
    /** Anonymous surveys: the code the respondent chose, to pair their waves. */
    respondentCode: text('respondent_code'),
    /** A draft is found again through this (the hash of a token in the respondent's link or cookie). */
    resumeHash: text('resume_hash').notNull(),
    status: text('status', { enum: responseStatuses }).notNull().default('in_progress'),
    quoteConsent: boolean('quote_consent').notNull().default(false),
    startedAt: createdAt(),
    submittedAt: timestampColumn('submitted_at'),
  },
  (t) => [
    uniqueIndex('survey_responses_resume_key').on(t.resumeHash, t.workspaceId),
    uniqueIndex('survey_responses_survey_person_key').on(t.surveyId, t.personId, t.workspaceId),
    index('survey_responses_survey_idx').on(t.workspaceId, t.surveyId, t.status),
    primaryKey({ name: 'survey_responses_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.surveyId, surveys).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('set null'),
  ],
);

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    workspaceId: workspaceId(),
    responseId: uuid('response_id').notNull(),
    questionId: uuid('question_id').notNull(),
    /** Likert points, numbers, and the "now" of a retrospective pair. */
    valueNumber: real('value_number'),
    /** The "before the programme" of a retrospective pair. */
    valueBefore: real('value_before'),
    valueText: text('value_text').notNull().default(''),
    valueChoices: text('value_choices')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'survey_answers_pkey', columns: [t.responseId, t.questionId, t.workspaceId] }),
    index('survey_answers_question_idx').on(t.workspaceId, t.questionId),
    inWorkspace(t.workspaceId, t.responseId, surveyResponses).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.questionId, surveyQuestions).onDelete('cascade'),
  ],
);

/** A free-text answer tagged with an outcome domain, and perhaps picked as a quote for the report. */
export const answerTags = pgTable(
  'survey_answer_tags',
  {
    workspaceId: workspaceId(),
    responseId: uuid('response_id').notNull(),
    questionId: uuid('question_id').notNull(),
    domainId: uuid('domain_id'),
    pickedAsQuote: boolean('picked_as_quote').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'survey_answer_tags_pkey', columns: [t.responseId, t.questionId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.responseId, surveyResponses).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.questionId, surveyQuestions).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.domainId, outcomeDomains).onDelete('set null'),
  ],
);

export const impactLevels = ['awareness', 'discussion', 'decision', 'implementation'] as const;
export type ImpactLevel = (typeof impactLevels)[number];

/** An example of evidence being used: what changed, in which decision, and who can confirm it. */
export const impactExamples = pgTable(
  'impact_examples',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    recordedByPersonId: uuid('recorded_by_person_id'),
    level: text('level', { enum: impactLevels }).notNull(),
    whatChanged: text('what_changed').notNull(),
    policyOrDecision: text('policy_or_decision').notNull(),
    description: text('description').notNull().default(''),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    confirmer: text('confirmer').notNull().default(''),
    verifiedAt: timestampColumn('verified_at'),
    verifiedByPersonId: uuid('verified_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('impact_examples_programme_idx').on(t.workspaceId, t.programmeId, t.occurredOn),
    primaryKey({ name: 'impact_examples_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.recordedByPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.verifiedByPersonId, people).onDelete('set null'),
  ],
);

export const impactEvidence = pgTable(
  'impact_evidence',
  {
    workspaceId: workspaceId(),
    impactId: uuid('impact_id').notNull(),
    evidenceId: uuid('evidence_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'impact_evidence_pkey', columns: [t.impactId, t.evidenceId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.impactId, impactExamples).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.evidenceId, evidenceItems).onDelete('cascade'),
  ],
);

export const impactSessions = pgTable(
  'impact_sessions',
  {
    workspaceId: workspaceId(),
    impactId: uuid('impact_id').notNull(),
    sessionId: uuid('session_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'impact_sessions_pkey', columns: [t.impactId, t.sessionId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.impactId, impactExamples).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.sessionId, programmeSessions).onDelete('cascade'),
  ],
);

export const reportSectionKeys = ['summary', 'lessons', 'method', 'limitations'] as const;
export type ReportSectionKey = (typeof reportSectionKeys)[number];

/** The editable parts of a programme's evaluation report. */
export const reportSections = pgTable(
  'evaluation_report_sections',
  {
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    key: text('key', { enum: reportSectionKeys }).notNull(),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'evaluation_report_sections_pkey', columns: [t.programmeId, t.key, t.workspaceId] }),
    check('evaluation_report_sections_body_length', sql`length(${t.body}) <= 20000`),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);
