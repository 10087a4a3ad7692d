import { and, asc, eq, sql } from 'drizzle-orm';
import { isStaff } from '../../../core/auth/roles.ts';
import { rows, type Executor } from '../../../core/db/client.ts';
import { isUuid, uuidArray } from '../../../core/db/uuid.ts';
import type { Member } from '../../../core/http/context.ts';
import { people } from '../../people/tables.ts';
import { organisations } from '../../organisations/tables.ts';
import { communityEvents, eventRegistrations, eventSpeakers, type RegistrationStatus } from './tables.ts';

export type CommunityEvent = typeof communityEvents.$inferSelect;

export async function findEvent(db: Executor, workspaceId: string, communityId: string, eventId: string): Promise<CommunityEvent | undefined> {
  if (!isUuid(eventId)) return undefined;
  const [row] = await db
    .select()
    .from(communityEvents)
    .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.communityId, communityId), eq(communityEvents.id, eventId)));
  return row;
}

export interface EventSummary {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  online: boolean;
  capacity: number | null;
  cancelledAt: Date | null;
  registered: number;
  waiting: number;
  hasNotes: boolean;
  speakers: string;
  /** This person's place: registered, waiting, or null. */
  mine: RegistrationStatus | null;
}

/** A community's events, soonest first, with how full each is and this person's place. */
export async function eventsOf(db: Executor, workspaceId: string, communityId: string, personId: string): Promise<EventSummary[]> {
  const found = await rows<Omit<EventSummary, 'startsAt' | 'endsAt' | 'cancelledAt'> & { startsAt: string; endsAt: string; cancelledAt: string | null }>(
    db,
    sql`select e.id, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.place, e.joining_link <> '' as online, e.capacity,
          e.cancelled_at as "cancelledAt", e.notes <> '' as "hasNotes",
          (select count(*)::int from community_event_registrations r where r.workspace_id = e.workspace_id and r.event_id = e.id and r.status = 'registered') as registered,
          (select count(*)::int from community_event_registrations r where r.workspace_id = e.workspace_id and r.event_id = e.id and r.status = 'waiting') as waiting,
          coalesce((select string_agg(p.full_name, ', ' order by s.position, p.full_name) from community_event_speakers s
             join people p on p.workspace_id = s.workspace_id and p.id = s.person_id
            where s.workspace_id = e.workspace_id and s.event_id = e.id), '') as speakers,
          (select r.status from community_event_registrations r where r.workspace_id = e.workspace_id and r.event_id = e.id
              and r.person_id = ${personId || null} and r.status <> 'cancelled') as mine
        from community_events e
       where e.workspace_id = ${workspaceId} and e.community_id = ${communityId}
       order by e.starts_at, e.id`,
  );
  return found.map((e) => ({
    ...e,
    startsAt: new Date(e.startsAt),
    endsAt: new Date(e.endsAt),
    cancelledAt: e.cancelledAt ? new Date(e.cancelledAt) : null,
  }));
}

/** The speakers of an event, in agenda order, with what they do. */
export function speakersOf(db: Executor, workspaceId: string, eventId: string) {
  return db
    .select({ personId: people.id, fullName: people.fullName, jobTitle: people.jobTitle, organisation: organisations.name })
    .from(eventSpeakers)
    .innerJoin(people, and(eq(people.workspaceId, eventSpeakers.workspaceId), eq(people.id, eventSpeakers.personId)))
    .leftJoin(organisations, and(eq(organisations.workspaceId, people.workspaceId), eq(organisations.id, people.organisationId)))
    .where(and(eq(eventSpeakers.workspaceId, workspaceId), eq(eventSpeakers.eventId, eventId)))
    .orderBy(asc(eventSpeakers.position), asc(people.fullName));
}

export interface Registrant {
  personId: string;
  fullName: string;
  email: string | null;
  organisation: string | null;
  status: RegistrationStatus;
  requestedAt: Date;
}

/** Everyone with a place or waiting for one (not those who gave theirs up), places first, then the waiting list in order. */
export async function registrantsOf(db: Executor, workspaceId: string, eventId: string): Promise<Registrant[]> {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      email: people.email,
      organisation: organisations.name,
      status: eventRegistrations.status,
      requestedAt: eventRegistrations.requestedAt,
    })
    .from(eventRegistrations)
    .innerJoin(people, and(eq(people.workspaceId, eventRegistrations.workspaceId), eq(people.id, eventRegistrations.personId)))
    .leftJoin(organisations, and(eq(organisations.workspaceId, people.workspaceId), eq(organisations.id, people.organisationId)))
    .where(and(eq(eventRegistrations.workspaceId, workspaceId), eq(eventRegistrations.eventId, eventId), sql`${eventRegistrations.status} <> 'cancelled'`))
    .orderBy(sql`${eventRegistrations.status} = 'waiting'`, asc(eventRegistrations.requestedAt), asc(people.fullName));
}

/** The events among these (found by search) this person may see: those of open communities, and of invite-only ones they belong to. */
export async function eventsMatching(db: Executor, workspaceId: string, member: Member, eventIds: string[]) {
  if (!eventIds.length) return [];
  const found = await rows<{ id: string; communityId: string; community: string; title: string; startsAt: string; cancelledAt: string | null }>(
    db,
    sql`select e.id, e.community_id as "communityId", c.name as community, e.title, e.starts_at as "startsAt", e.cancelled_at as "cancelledAt"
          from community_events e join communities c on c.workspace_id = e.workspace_id and c.id = e.community_id
         where e.workspace_id = ${workspaceId} and e.id = any(${uuidArray(eventIds)})
           and (${isStaff(member.role)} or c.visibility = 'open' or exists (
             select 1 from community_members m where m.workspace_id = c.workspace_id and m.community_id = c.id and m.person_id = ${member.personId || null}))`,
  );
  return found.map((e) => ({ ...e, startsAt: new Date(e.startsAt), cancelledAt: e.cancelledAt ? new Date(e.cancelledAt) : null }));
}
