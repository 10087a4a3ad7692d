import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampColumn, updatedAt } from '../../core/db/columns.ts';
import { workspaceIdColumn } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { programmeIdColumn } from '../programmes/tables.ts';

const workspaceId = workspaceIdColumn;
const programmeId = programmeIdColumn;

/**
 * A local authority taking part in a delivery programme. Its hub and region
 * come from the organisation's parents, so moving an authority between hubs
 * is done once, on the organisation.
 */
export const deliverySites = pgTable(
  'delivery_sites',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_sites_programme_organisation_key').on(t.programmeId, t.organisationId),
    index('delivery_sites_workspace_idx').on(t.workspaceId, t.programmeId),
  ],
);

export const siteContactRoles = ['lead', 'contact'] as const;
export type SiteContactRole = (typeof siteContactRoles)[number];

/** The people who answer for a site: leads submit its returns; contacts are kept for the record and copied into reminders. */
export const siteContacts = pgTable(
  'delivery_site_contacts',
  {
    workspaceId: workspaceId(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => deliverySites.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: siteContactRoles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.personId] }), index('delivery_site_contacts_person_idx').on(t.workspaceId, t.personId)],
);

export interface TemplateWorkstream {
  key: string;
  name: string;
  description: string;
}
export interface TemplateMilestone {
  key: string;
  name: string;
  plannedOn: string;
}
export interface TemplateIndicator {
  key: string;
  name: string;
  definition: string;
  unit: string;
  /**
   * Per site per round. For a summed indicator the dashboard multiplies it by
   * the sites that reported; for an averaged one it is the per-site figure.
   */
  target: number | null;
  /** How sites' figures combine: counts add up; rates and durations (days to approval) are averaged. Absent means sum. */
  aggregation?: 'sum' | 'average';
  /** Whether a higher or a lower figure is good: approvals higher, days to approval lower. Absent means higher. */
  better?: 'higher' | 'lower';
}
export const sectionPurposes = ['challenges', 'insights', 'good_practice', 'support', 'other'] as const;
export type SectionPurpose = (typeof sectionPurposes)[number];

export interface TemplateSection {
  key: string;
  name: string;
  prompt: string;
  /** What the section is for, so the briefing knows where good practice and support requests are. Absent means other. */
  purpose?: SectionPurpose;
}
export interface TemplateDefinition {
  workstreams: TemplateWorkstream[];
  milestones: TemplateMilestone[];
  indicators: TemplateIndicator[];
  sections: TemplateSection[];
  /** Keys are never reused, even after an item is removed, so an old answer never lands on a new question. */
  nextKey: number;
}

/**
 * One version of a programme's checkpoint return. A version that a round uses
 * is never changed again: editing it writes the next version.
 */
export const returnTemplates = pgTable(
  'return_templates',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TemplateDefinition>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('return_templates_programme_version_key').on(t.programmeId, t.version),
    index('return_templates_workspace_idx').on(t.workspaceId, t.programmeId),
  ],
);

export const roundStatuses = ['upcoming', 'open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const checkpointRounds = pgTable(
  'checkpoint_rounds',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => returnTemplates.id),
    status: text('status', { enum: roundStatuses }).notNull().default('upcoming'),
    openedAt: timestampColumn('opened_at'),
    remindedAt: timestampColumn('reminded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('checkpoint_rounds_programme_number_key').on(t.programmeId, t.number),
    index('checkpoint_rounds_workspace_idx').on(t.workspaceId, t.programmeId),
  ],
);

/**
 * What Bridgework does for a programme's rounds without being asked: open a
 * round (e-mailing sites) once its period has ended, remind sites that have
 * not submitted some days before the due date, and chase late returns some
 * days after it. A null number means that e-mail is not sent.
 */
export const roundAutomation = pgTable(
  'delivery_round_automation',
  {
    workspaceId: workspaceId(),
    programmeId: programmeId().primaryKey(),
    openWhenPeriodEnds: boolean('open_when_period_ends').notNull().default(false),
    remindDaysBefore: integer('remind_days_before'),
    chaseDaysAfter: integer('chase_days_after'),
    updatedAt: updatedAt(),
  },
  (t) => [index('delivery_round_automation_workspace_idx').on(t.workspaceId)],
);

export const automaticReminderKinds = ['before_due', 'after_due'] as const;
export type AutomaticReminderKind = (typeof automaticReminderKinds)[number];

/** Each automatic reminder a round has had: one of each kind at most, claimed before it is sent so two servers never both send it. */
export const roundReminders = pgTable(
  'delivery_round_reminders',
  {
    workspaceId: workspaceId(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => checkpointRounds.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: automaticReminderKinds }).notNull(),
    peopleMailed: integer('people_mailed').notNull().default(0),
    sentAt: timestampColumn('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.kind] }), index('delivery_round_reminders_workspace_idx').on(t.workspaceId)],
);

export const ragStatuses = ['green', 'amber', 'red'] as const;
export type RagStatus = (typeof ragStatuses)[number];

export interface ReturnContent {
  workstreams: Record<string, { rag: RagStatus | ''; commentary: string }>;
  /** A milestone's actual date once met, or the date now forecast. */
  milestones: Record<string, { actualOn: string; forecastOn: string; note: string }>;
  indicators: Record<string, number | null>;
  sections: Record<string, string>;
}

export const returnStatuses = ['draft', 'submitted', 'returned'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];
export const returnSources = ['form', 'excel', 'command_line'] as const;
export type ReturnSource = (typeof returnSources)[number];

/** A site's return for a round. `revision` goes up on every save, so two editors cannot silently overwrite each other. */
export const checkpointReturns = pgTable(
  'checkpoint_returns',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => checkpointRounds.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => deliverySites.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id')
      .notNull()
      .references(() => returnTemplates.id),
    status: text('status', { enum: returnStatuses }).notNull().default('draft'),
    content: jsonb('content').$type<ReturnContent>().notNull(),
    revision: integer('revision').notNull().default(1),
    source: text('source', { enum: returnSources }).notNull().default('form'),
    returnedReason: text('returned_reason').notNull().default(''),
    submittedAt: timestampColumn('submitted_at'),
    submittedByPersonId: uuid('submitted_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    updatedByPersonId: uuid('updated_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('checkpoint_returns_round_site_key').on(t.roundId, t.siteId),
    index('checkpoint_returns_programme_idx').on(t.workspaceId, t.programmeId, t.status),
    index('checkpoint_returns_site_idx').on(t.workspaceId, t.siteId),
  ],
);

/** Every submission and every return for correction, as it was: nothing a site sent is ever lost. */
export const returnVersions = pgTable(
  'checkpoint_return_versions',
  {
    id: id(),
    workspaceId: workspaceId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => checkpointReturns.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    status: text('status', { enum: returnStatuses }).notNull(),
    content: jsonb('content').$type<ReturnContent>().notNull(),
    source: text('source', { enum: returnSources }).notNull(),
    note: text('note').notNull().default(''),
    savedByPersonId: uuid('saved_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('checkpoint_return_versions_return_idx').on(t.workspaceId, t.returnId, t.revision)],
);

/** The programme's codebook: themes analysts tag free text with. */
export const deliveryThemes = pgTable(
  'delivery_themes',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_themes_programme_name_key').on(t.programmeId, sql`lower(${t.name})`),
    index('delivery_themes_workspace_idx').on(t.workspaceId, t.programmeId),
  ],
);

export const codingOrigins = ['analyst', 'suggestion', 'emerging'] as const;
export type CodingOrigin = (typeof codingOrigins)[number];

/** One theme on one answer of a submitted return; the excerpt is the part of the answer that carries it. */
export const themeCodings = pgTable(
  'delivery_theme_codings',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => deliveryThemes.id, { onDelete: 'cascade' }),
    returnId: uuid('return_id')
      .notNull()
      .references(() => checkpointReturns.id, { onDelete: 'cascade' }),
    sectionKey: text('section_key').notNull(),
    excerpt: text('excerpt').notNull(),
    origin: text('origin', { enum: codingOrigins }).notNull().default('analyst'),
    codedByPersonId: uuid('coded_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_theme_codings_unit_theme_key').on(t.returnId, t.sectionKey, t.themeId),
    index('delivery_theme_codings_programme_idx').on(t.workspaceId, t.programmeId, t.themeId),
  ],
);

export const candidateStatuses = ['open', 'accepted', 'merged', 'dismissed'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];
export interface CandidateMember {
  returnId: string;
  sectionKey: string;
}

/** A cluster of uncoded text offered as a possible new theme, until an analyst accepts, merges or dismisses it. */
export const themeCandidates = pgTable(
  'delivery_theme_candidates',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    label: text('label').notNull(),
    keyTerms: text('key_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    members: jsonb('members').$type<CandidateMember[]>().notNull(),
    quotes: jsonb('quotes').$type<string[]>().notNull(),
    status: text('status', { enum: candidateStatuses }).notNull().default('open'),
    themeId: uuid('theme_id').references(() => deliveryThemes.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    resolvedAt: timestampColumn('resolved_at'),
  },
  (t) => [index('delivery_theme_candidates_programme_idx').on(t.workspaceId, t.programmeId, t.status)],
);

/** "You said, we did" between centre and local: the department's answer to a theme sites raised. */
export const themeResponses = pgTable(
  'delivery_theme_responses',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => deliveryThemes.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id').references(() => checkpointRounds.id, { onDelete: 'set null' }),
    response: text('response').notNull(),
    respondedByPersonId: uuid('responded_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('delivery_theme_responses_programme_idx').on(t.workspaceId, t.programmeId, t.createdAt)],
);

export const briefingStatuses = ['draft', 'shared'] as const;
export type BriefingStatus = (typeof briefingStatuses)[number];

/** The briefing for a round's checkpoint meeting: generated, then edited by facilitators before it is shared. */
export const checkpointBriefings = pgTable(
  'checkpoint_briefings',
  {
    id: id(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => checkpointRounds.id, { onDelete: 'cascade' }),
    headline: text('headline').notNull().default(''),
    progress: text('progress').notNull().default(''),
    themes: text('themes').notNull().default(''),
    risks: text('risks').notNull().default(''),
    goodPractice: text('good_practice').notNull().default(''),
    status: text('status', { enum: briefingStatuses }).notNull().default('draft'),
    sharedAt: timestampColumn('shared_at'),
    updatedByPersonId: uuid('updated_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('checkpoint_briefings_round_key').on(t.roundId), index('checkpoint_briefings_workspace_idx').on(t.workspaceId, t.programmeId)],
);
