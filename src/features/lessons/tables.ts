import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { programmes } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';

const workspaceId = workspaceIdColumn;

export const lessonStatuses = ['draft', 'reviewed', 'published'] as const;
export type LessonStatus = (typeof lessonStatuses)[number];

export const programmePhases = ['design', 'set_up', 'delivery', 'closing', 'evaluation'] as const;
export type ProgrammePhase = (typeof programmePhases)[number];

/**
 * What a programme learned, written so the next team can use it: the
 * context, what happened, what worked or did not, and the recommendation,
 * with how strong it is and where it came from. A draft is reviewed, then
 * published for every later programme to find; after its review date it is
 * flagged for review again.
 */
export const lessons = pgTable(
  'lessons',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    programmeId: uuid('programme_id'),
    phase: text('phase', { enum: programmePhases }),
    /** The kind of site or place it happened in: "a regional adoption agency of five councils". */
    placeKind: text('place_kind').notNull().default(''),
    whatHappened: text('what_happened').notNull().default(''),
    whatWorked: text('what_worked').notNull().default(''),
    recommendation: text('recommendation').notNull().default(''),
    /** How many sites and programmes saw it: how far it can be trusted. */
    sitesSeen: integer('sites_seen'),
    programmesSeen: integer('programmes_seen'),
    evaluated: boolean('evaluated').notNull().default(false),
    ownerPersonId: uuid('owner_person_id'),
    status: text('status', { enum: lessonStatuses }).notNull().default('draft'),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    reviewedByPersonId: uuid('reviewed_by_person_id'),
    reviewedAt: timestampColumn('reviewed_at'),
    publishedAt: timestampColumn('published_at'),
    createdByPersonId: uuid('created_by_person_id'),
    /** Raised on every save, so two people editing at once cannot silently overwrite each other. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('lessons_workspace_status_idx').on(t.workspaceId, t.status),
    index('lessons_programme_idx').on(t.workspaceId, t.programmeId),
    check('lessons_counts_positive', sql`(${t.sitesSeen} is null or ${t.sitesSeen} >= 0) and (${t.programmesSeen} is null or ${t.programmesSeen} >= 0)`),
    primaryKey({ name: 'lessons_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('set null'),
    inWorkspace(t.workspaceId, t.ownerPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.reviewedByPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

export const lessonTopics = pgTable(
  'lesson_topics',
  {
    workspaceId: workspaceId(),
    lessonId: uuid('lesson_id').notNull(),
    topicId: uuid('topic_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'lesson_topics_pkey', columns: [t.lessonId, t.topicId, t.workspaceId] }),
    index('lesson_topics_topic_idx').on(t.workspaceId, t.topicId),
    inWorkspace(t.workspaceId, t.lessonId, lessons).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.topicId, topics).onDelete('cascade'),
  ],
);

export const lessonSourceKinds = ['return_insight', 'theme', 'change', 'impact', 'finding', 'thread', 'survey'] as const;
export type LessonSourceKind = (typeof lessonSourceKinds)[number];

/**
 * Where a lesson came from, each openable: a checkpoint excerpt, a coded
 * theme, a "you said, we did" change, an impact example, an evaluation
 * finding, a solved challenge or a survey answer. The excerpt is kept as it was when the
 * lesson was drawn, so the provenance survives the source changing.
 */
export const lessonSources = pgTable(
  'lesson_sources',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    lessonId: uuid('lesson_id').notNull(),
    kind: text('kind', { enum: lessonSourceKinds }).notNull(),
    /** The record it came from; the record may later be deleted, and the excerpt stays. */
    sourceId: uuid('source_id').notNull(),
    /** "Gateshead, round 3 (March 2026): insights" */
    label: text('label').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    /** Its page inside the workspace. */
    path: text('path').notNull(),
    /** Whether it is private to a programme or community (a return, an invite-only thread), for the publish check. */
    restricted: boolean('restricted').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('lesson_sources_lesson_idx').on(t.workspaceId, t.lessonId),
    index('lesson_sources_source_idx').on(t.workspaceId, t.kind, t.sourceId),
    primaryKey({ name: 'lesson_sources_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.lessonId, lessons).onDelete('cascade'),
  ],
);

export const lessonDecisions = ['applied', 'not_relevant', 'discuss'] as const;
export type LessonDecision = (typeof lessonDecisions)[number];

/** What a programme's team decided about a lesson offered to it; "applied" shows on the lesson as where it has been used. */
export const lessonApplications = pgTable(
  'lesson_applications',
  {
    workspaceId: workspaceId(),
    lessonId: uuid('lesson_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    decision: text('decision', { enum: lessonDecisions }).notNull(),
    note: text('note').notNull().default(''),
    decidedByPersonId: uuid('decided_by_person_id'),
    decidedAt: timestampColumn('decided_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lesson_applications_pkey', columns: [t.lessonId, t.programmeId, t.workspaceId] }),
    index('lesson_applications_programme_idx').on(t.workspaceId, t.programmeId),
    inWorkspace(t.workspaceId, t.lessonId, lessons).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.decidedByPersonId, people).onDelete('set null'),
  ],
);

/**
 * A programme's published lessons at a public address, readable without an
 * account (for authorities not on the programme). Taking it down removes the
 * row, and the address is a 404 again.
 */
export const publicLessonSets = pgTable(
  'public_lesson_sets',
  {
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    slug: text('slug').notNull(),
    publishedByPersonId: uuid('published_by_person_id'),
    publishedAt: timestampColumn('published_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('public_lesson_sets_workspace_slug_key').on(t.workspaceId, t.slug),
    primaryKey({ name: 'public_lesson_sets_pkey', columns: [t.programmeId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.publishedByPersonId, people).onDelete('set null'),
  ],
);
