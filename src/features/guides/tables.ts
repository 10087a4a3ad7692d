import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampColumn, updatedAt } from '../../core/db/columns.ts';
import { workspaceIdColumn } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';

const workspaceId = workspaceIdColumn;

/**
 * A step-by-step guide ("Setting up a recruitment support hub"): ordered
 * sections of steps, each with guidance, a checklist and links. Every saved
 * change is a numbered version with a change note; a guide may be published at
 * a public address, which shows the version that was published.
 */
export const guides = pgTable(
  'guides',
  {
    id: id(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    ownerPersonId: uuid('owner_person_id').references(() => people.id, { onDelete: 'set null' }),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** The latest version's number; every save adds one. */
    version: integer('version').notNull().default(1),
    /** The address part of its public page, unique in the workspace. */
    slug: text('slug').notNull(),
    /** The version the public page shows; null when it is not published. */
    publishedVersion: integer('published_version'),
    publishedAt: timestampColumn('published_at'),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('guides_workspace_slug_key').on(t.workspaceId, t.slug),
    uniqueIndex('guides_workspace_title_key').on(t.workspaceId, sql`lower(${t.title})`),
  ],
);

/** A step as a guide holds it, and as each version keeps it. */
export interface GuideStepContent {
  key: string;
  title: string;
  guidance: string;
  checklist: string[];
  lessonIds: string[];
  evidenceIds: string[];
}

export interface GuideSectionContent {
  key: string;
  title: string;
  steps: GuideStepContent[];
}

/** The whole of a guide at one version: what the reader sees. */
export interface GuideContent {
  title: string;
  summary: string;
  sections: GuideSectionContent[];
}

/**
 * Each version of a guide, whole. The guide's current content is its latest
 * version's; restoring an old one writes it again as the newest, so nothing
 * later is lost.
 */
export const guideVersions = pgTable(
  'guide_versions',
  {
    workspaceId: workspaceId(),
    guideId: uuid('guide_id')
      .notNull()
      .references(() => guides.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    content: jsonb('content').$type<GuideContent>().notNull(),
    changeNote: text('change_note').notNull(),
    /** When a version brings back an earlier one, which. */
    restoredFrom: integer('restored_from'),
    savedByPersonId: uuid('saved_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    savedAt: timestampColumn('saved_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.guideId, t.number] }), index('guide_versions_workspace_idx').on(t.workspaceId, t.guideId)],
);

/** A reader's comment on a step, kept by the step's key so it follows the step across versions. */
export const guideComments = pgTable(
  'guide_comments',
  {
    id: id(),
    workspaceId: workspaceId(),
    guideId: uuid('guide_id')
      .notNull()
      .references(() => guides.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    body: text('body').notNull(),
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('guide_comments_step_idx').on(t.workspaceId, t.guideId, t.stepKey)],
);

/** A step done for one site (an organisation): the facilitator sees each site's way through the guide. */
export const guideProgress = pgTable(
  'guide_progress',
  {
    workspaceId: workspaceId(),
    guideId: uuid('guide_id')
      .notNull()
      .references(() => guides.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    done: boolean('done').notNull().default(true),
    markedByPersonId: uuid('marked_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    markedAt: timestampColumn('marked_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.guideId, t.stepKey, t.organisationId] }), index('guide_progress_organisation_idx').on(t.workspaceId, t.organisationId)],
);
