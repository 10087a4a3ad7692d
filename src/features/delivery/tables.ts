import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { programmeIdColumn, programmes } from '../programmes/tables.ts';

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
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    organisationId: uuid('organisation_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_sites_programme_organisation_key').on(t.programmeId, t.organisationId, t.workspaceId),
    index('delivery_sites_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'delivery_sites_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.organisationId, organisations).onDelete('cascade'),
  ],
);

export const siteContactRoles = ['lead', 'contact'] as const;
export type SiteContactRole = (typeof siteContactRoles)[number];

/** The people who answer for a site: leads submit its returns; contacts are kept for the record and copied into reminders. */
export const siteContacts = pgTable(
  'delivery_site_contacts',
  {
    workspaceId: workspaceId(),
    siteId: uuid('site_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role', { enum: siteContactRoles }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'delivery_site_contacts_pkey', columns: [t.siteId, t.personId, t.workspaceId] }),
    index('delivery_site_contacts_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.siteId, deliverySites).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
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
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TemplateDefinition>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('return_templates_programme_version_key').on(t.programmeId, t.version, t.workspaceId),
    index('return_templates_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'return_templates_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const roundStatuses = ['upcoming', 'open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const checkpointRounds = pgTable(
  'checkpoint_rounds',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    templateId: uuid('template_id').notNull(),
    status: text('status', { enum: roundStatuses }).notNull().default('upcoming'),
    openedAt: timestampColumn('opened_at'),
    remindedAt: timestampColumn('reminded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('checkpoint_rounds_programme_number_key').on(t.programmeId, t.number, t.workspaceId),
    index('checkpoint_rounds_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'checkpoint_rounds_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.templateId, returnTemplates),
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
    programmeId: programmeId().notNull(),
    openWhenPeriodEnds: boolean('open_when_period_ends').notNull().default(false),
    remindDaysBefore: integer('remind_days_before'),
    chaseDaysAfter: integer('chase_days_after'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('delivery_round_automation_workspace_idx').on(t.workspaceId),
    primaryKey({ name: 'delivery_round_automation_pkey', columns: [t.programmeId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const automaticReminderKinds = ['before_due', 'after_due'] as const;
export type AutomaticReminderKind = (typeof automaticReminderKinds)[number];

/** Each automatic reminder a round has had: one of each kind at most, claimed before it is sent so two servers never both send it. */
export const roundReminders = pgTable(
  'delivery_round_reminders',
  {
    workspaceId: workspaceId(),
    roundId: uuid('round_id').notNull(),
    kind: text('kind', { enum: automaticReminderKinds }).notNull(),
    peopleMailed: integer('people_mailed').notNull().default(0),
    sentAt: timestampColumn('sent_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'delivery_round_reminders_pkey', columns: [t.roundId, t.kind, t.workspaceId] }),
    index('delivery_round_reminders_workspace_idx').on(t.workspaceId),
    inWorkspace(t.workspaceId, t.roundId, checkpointRounds).onDelete('cascade'),
  ],
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
export const returnSources = ['form', 'excel', 'command_line', 'api'] as const;
export type ReturnSource = (typeof returnSources)[number];

/** A site's return for a round. `revision` goes up on every save, so two editors cannot silently overwrite each other. */
export const checkpointReturns = pgTable(
  'checkpoint_returns',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    roundId: uuid('round_id').notNull(),
    siteId: uuid('site_id').notNull(),
    templateId: uuid('template_id').notNull(),
    status: text('status', { enum: returnStatuses }).notNull().default('draft'),
    content: jsonb('content').$type<ReturnContent>().notNull(),
    revision: integer('revision').notNull().default(1),
    source: text('source', { enum: returnSources }).notNull().default('form'),
    returnedReason: text('returned_reason').notNull().default(''),
    submittedAt: timestampColumn('submitted_at'),
    submittedByPersonId: uuid('submitted_by_person_id'),
    updatedByPersonId: uuid('updated_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('checkpoint_returns_round_site_key').on(t.roundId, t.siteId, t.workspaceId),
    index('checkpoint_returns_programme_idx').on(t.workspaceId, t.programmeId, t.status),
    index('checkpoint_returns_site_idx').on(t.workspaceId, t.siteId),
    primaryKey({ name: 'checkpoint_returns_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.roundId, checkpointRounds).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.siteId, deliverySites).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.templateId, returnTemplates),
    inWorkspace(t.workspaceId, t.submittedByPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.updatedByPersonId, people).onDelete('set null'),
  ],
);

/** Every submission and every return for correction, as it was: nothing a site sent is ever lost. */
export const returnVersions = pgTable(
  'checkpoint_return_versions',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    returnId: uuid('return_id').notNull(),
    revision: integer('revision').notNull(),
    status: text('status', { enum: returnStatuses }).notNull(),
    content: jsonb('content').$type<ReturnContent>().notNull(),
    source: text('source', { enum: returnSources }).notNull(),
    note: text('note').notNull().default(''),
    savedByPersonId: uuid('saved_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('checkpoint_return_versions_return_idx').on(t.workspaceId, t.returnId, t.revision),
    primaryKey({ name: 'checkpoint_return_versions_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.returnId, checkpointReturns).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.savedByPersonId, people).onDelete('set null'),
  ],
);

/** The programme's codebook: themes analysts tag free text with. */
export const deliveryThemes = pgTable(
  'delivery_themes',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_themes_programme_name_key').on(t.programmeId, sql`lower(${t.name})`, t.workspaceId),
    index('delivery_themes_workspace_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'delivery_themes_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
  ],
);

export const codingOrigins = ['analyst', 'suggestion', 'emerging'] as const;
export type CodingOrigin = (typeof codingOrigins)[number];

/** One theme on one answer of a submitted return; the excerpt is the part of the answer that carries it. */
export const themeCodings = pgTable(
  'delivery_theme_codings',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    themeId: uuid('theme_id').notNull(),
    returnId: uuid('return_id').notNull(),
    sectionKey: text('section_key').notNull(),
    excerpt: text('excerpt').notNull(),
    origin: text('origin', { enum: codingOrigins }).notNull().default('analyst'),
    codedByPersonId: uuid('coded_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('delivery_theme_codings_unit_theme_key').on(t.returnId, t.sectionKey, t.themeId, t.workspaceId),
    index('delivery_theme_codings_programme_idx').on(t.workspaceId, t.programmeId, t.themeId),
    primaryKey({ name: 'delivery_theme_codings_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.themeId, deliveryThemes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.returnId, checkpointReturns).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.codedByPersonId, people).onDelete('set null'),
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
    id: rowId(),
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
    themeId: uuid('theme_id'),
    createdAt: createdAt(),
    resolvedAt: timestampColumn('resolved_at'),
  },
  (t) => [
    index('delivery_theme_candidates_programme_idx').on(t.workspaceId, t.programmeId, t.status),
    primaryKey({ name: 'delivery_theme_candidates_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.themeId, deliveryThemes).onDelete('set null'),
  ],
);

/** "You said, we did" between centre and local: the department's answer to a theme sites raised. */
export const themeResponses = pgTable(
  'delivery_theme_responses',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: programmeId(),
    themeId: uuid('theme_id').notNull(),
    roundId: uuid('round_id'),
    response: text('response').notNull(),
    respondedByPersonId: uuid('responded_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('delivery_theme_responses_programme_idx').on(t.workspaceId, t.programmeId, t.createdAt),
    primaryKey({ name: 'delivery_theme_responses_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.themeId, deliveryThemes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.roundId, checkpointRounds).onDelete('set null'),
    inWorkspace(t.workspaceId, t.respondedByPersonId, people).onDelete('set null'),
  ],
);
