import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
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
    id: rowId(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    ownerPersonId: uuid('owner_person_id'),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** The latest version's number; every save adds one. */
    version: integer('version').notNull().default(1),
    /** The address part of its public page, unique in the workspace. */
    slug: text('slug').notNull(),
    /** The version the public page shows; null when it is not published. */
    publishedVersion: integer('published_version'),
    publishedAt: timestampColumn('published_at'),
    createdByPersonId: uuid('created_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('guides_workspace_slug_key').on(t.workspaceId, t.slug),
    uniqueIndex('guides_workspace_title_key').on(t.workspaceId, sql`lower(${t.title})`),
    primaryKey({ name: 'guides_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.ownerPersonId, people).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
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
    guideId: uuid('guide_id').notNull(),
    number: integer('number').notNull(),
    content: jsonb('content').$type<GuideContent>().notNull(),
    changeNote: text('change_note').notNull(),
    /** When a version brings back an earlier one, which. */
    restoredFrom: integer('restored_from'),
    savedByPersonId: uuid('saved_by_person_id'),
    savedAt: timestampColumn('saved_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'guide_versions_pkey', columns: [t.guideId, t.number, t.workspaceId] }),
    index('guide_versions_workspace_idx').on(t.workspaceId, t.guideId),
    inWorkspace(t.workspaceId, t.guideId, guides).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.savedByPersonId, people).onDelete('set null'),
  ],
);

/** A reader's comment on a step, kept by the step's key so it follows the step across versions. */
export const guideComments = pgTable(
  'guide_comments',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    guideId: uuid('guide_id').notNull(),
    stepKey: text('step_key').notNull(),
    body: text('body').notNull(),
    authorPersonId: uuid('author_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('guide_comments_step_idx').on(t.workspaceId, t.guideId, t.stepKey),
    primaryKey({ name: 'guide_comments_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.guideId, guides).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.authorPersonId, people).onDelete('set null'),
  ],
);

/** A step done for one site (an organisation): the facilitator sees each site's way through the guide. */
export const guideProgress = pgTable(
  'guide_progress',
  {
    workspaceId: workspaceId(),
    guideId: uuid('guide_id').notNull(),
    stepKey: text('step_key').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    done: boolean('done').notNull().default(true),
    markedByPersonId: uuid('marked_by_person_id'),
    markedAt: timestampColumn('marked_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'guide_progress_pkey', columns: [t.guideId, t.stepKey, t.organisationId, t.workspaceId] }),
    index('guide_progress_organisation_idx').on(t.workspaceId, t.organisationId),
    inWorkspace(t.workspaceId, t.guideId, guides).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.organisationId, organisations).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.markedByPersonId, people).onDelete('set null'),
  ],
);
