import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { topics } from '../topics/tables.ts';

export const contactPreferences = ['email', 'phone', 'video_call', 'no_contact'] as const;
export type ContactPreference = (typeof contactPreferences)[number];

/**
 * The side of the bridge a person speaks from: research, practice, central or
 * local government, or lived experience. Most take it from their
 * organisation's kind; it is set on the person when it differs.
 */
export const perspectives = ['academic', 'practitioner', 'central_government', 'local_government', 'lived_experience'] as const;
export type Perspective = (typeof perspectives)[number];

/** Anyone the workspace knows: participants, speakers, contacts. An account is optional. */
export const people = pgTable(
  'people',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone').notNull().default(''),
    jobTitle: text('job_title').notNull().default(''),
    organisationId: uuid('organisation_id'),
    region: text('region').notNull().default(''),
    bio: text('bio').notNull().default(''),
    /** Set only when it is not the one their organisation gives (see `perspectiveOf`). */
    perspective: text('perspective', { enum: perspectives }),
    contactPreference: text('contact_preference', { enum: contactPreferences }).notNull().default('email'),
    /** Whether others in the workspace may approach them about their expertise. */
    openToContact: boolean('open_to_contact').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_workspace_email_key').on(t.workspaceId, sql`lower(${t.email})`),
    index('people_workspace_name_idx').on(t.workspaceId, t.fullName),
    index('people_workspace_organisation_idx').on(t.workspaceId, t.organisationId),
    primaryKey({ name: 'people_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.organisationId, organisations).onDelete('set null'),
  ],
);

export const personTopics = pgTable(
  'person_topics',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    topicId: uuid('topic_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'person_topics_pkey', columns: [t.personId, t.topicId, t.workspaceId] }),
    index('person_topics_topic_idx').on(t.workspaceId, t.topicId),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.topicId, topics).onDelete('cascade'),
  ],
);
