import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../../core/db/tables.ts';
import { people } from '../../people/tables.ts';
import { communities, communityThreads } from '../tables.ts';

const workspaceId = workspaceIdColumn;

/**
 * An event or webinar a community holds: when, where to join, the agenda and
 * its speakers, with places up to a cap and a waiting list beyond it. After
 * it, the notes, recording and actions become a thread in the community.
 */
export const communityEvents = pgTable(
  'community_events',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    communityId: uuid('community_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    agenda: text('agenda').notNull().default(''),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at').notNull(),
    /** Where to join online; shown only to people with a place and the moderators. */
    joiningLink: text('joining_link').notNull().default(''),
    /** A room and address, for an event held in person. */
    place: text('place').notNull().default(''),
    /** Places available; null for no limit. */
    capacity: integer('capacity'),
    /** Raised with every change people with a place are sent, so calendar apps replace the old invitation. */
    sequence: integer('sequence').notNull().default(0),
    cancelledAt: timestampColumn('cancelled_at'),
    notes: text('notes').notNull().default(''),
    recordingLink: text('recording_link').notNull().default(''),
    actions: text('actions').notNull().default(''),
    /** The thread its notes became, where the conversation carries on. */
    notesThreadId: uuid('notes_thread_id'),
    createdByPersonId: uuid('created_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('community_events_community_idx').on(t.workspaceId, t.communityId, t.startsAt),
    check('community_events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('community_events_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
    primaryKey({ name: 'community_events_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.communityId, communities).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.notesThreadId, communityThreads).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

/** The people speaking at an event, in the order the agenda gives them. */
export const eventSpeakers = pgTable(
  'community_event_speakers',
  {
    workspaceId: workspaceId(),
    eventId: uuid('event_id').notNull(),
    personId: uuid('person_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'community_event_speakers_pkey', columns: [t.eventId, t.personId, t.workspaceId] }),
    index('community_event_speakers_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.eventId, communityEvents).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const registrationStatuses = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/**
 * A person's place at an event, or their turn on its waiting list (in the
 * order they asked), or a place they gave up. The first in line is given a
 * place that frees up.
 */
export const eventRegistrations = pgTable(
  'community_event_registrations',
  {
    workspaceId: workspaceId(),
    eventId: uuid('event_id').notNull(),
    personId: uuid('person_id').notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    /** When they asked for a place: the waiting list's order. */
    requestedAt: timestampColumn('requested_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'community_event_registrations_pkey', columns: [t.eventId, t.personId, t.workspaceId] }),
    index('community_event_registrations_person_idx').on(t.workspaceId, t.personId, t.status),
    inWorkspace(t.workspaceId, t.eventId, communityEvents).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);
