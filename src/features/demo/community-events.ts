import { and, eq } from 'drizzle-orm';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { communities, communityThreads, threadFollowers } from '../communities/tables.ts';
import { indexThread } from '../communities/search-text.ts';
import { notesPost } from '../communities/events/record-event-notes.ts';
import { indexEvent } from '../communities/events/search-text.ts';
import { communityEvents, eventRegistrations, eventSpeakers } from '../communities/events/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

interface DemoEvent {
  community: string;
  title: string;
  description: string;
  agenda: string;
  /** Days from today: negative for an event that has happened. */
  inDays: number;
  start: string;
  end: string;
  joiningLink?: string;
  place?: string;
  capacity: number | null;
  speakers: string[];
  organiser: string;
  registered: string[];
  waiting?: string[];
  notes?: { notes: string; recordingLink: string; actions: string };
}

const EVENTS: DemoEvent[] = [
  {
    community: 'Recruitment marketing',
    title: 'Webinar: who enquires, and who goes on to foster',
    description:
      'The department’s analysts walk through a year of enquiry data from the ten hubs: where enquiries come from, and which of them become approved carers.',
    agenda: '- 10:00 Welcome, Tomasz Nowak\n- 10:05 A year of enquiries, Megan Price\n- 10:30 What Gateshead changed, Janet Armstrong\n- 10:45 Questions',
    inDays: -47,
    start: '10:00',
    end: '11:00',
    joiningLink: 'https://teams.example.org/l/meetup-join/enquiry-data',
    capacity: 60,
    speakers: ['Megan Price', 'Janet Armstrong'],
    organiser: 'Tomasz Nowak',
    registered: ['Paul Whittaker', 'Chris Palmer', 'Tunde Bakare', 'Janet Armstrong', 'Louise Hargreaves', 'Sameera Hussain', 'Rebecca Stone'],
    notes: {
      notes:
        'Enquiries rose by a fifth over the year, but the share that reached an initial visit fell from 31% to 24%. Word of mouth from existing carers still brings the enquiries most likely to become approvals: about one in six, against one in twenty from paid social media.\n\nGateshead called every enquirer back within a working day and saw its conversion hold steady while others fell.',
      recordingLink: 'https://stream.example.org/recordings/enquiry-data-webinar',
      actions:
        '- Megan to share the hub-by-hub conversion table with hub leads\n- Janet to write up Gateshead’s call-back script for the Recruitment marketing community\n- Hubs to add “how did you hear about us” to their enquiry forms before the next checkpoint',
    },
  },
  {
    community: 'Recruitment marketing',
    title: 'Webinar: digital adverts that reach men and minority communities',
    description: 'Two hubs that changed who their adverts reach describe what they did, what it cost and what happened to enquiries.',
    agenda: '- 14:00 Why our adverts reached the same people, Chris Palmer\n- 14:20 Working with faith networks, Tunde Bakare\n- 14:40 Discussion',
    inDays: -19,
    start: '14:00',
    end: '15:00',
    joiningLink: 'https://teams.example.org/l/meetup-join/digital-adverts',
    capacity: 40,
    speakers: ['Chris Palmer', 'Tunde Bakare'],
    organiser: 'Tomasz Nowak',
    registered: ['Paul Whittaker', 'Megan Price', 'Morwenna Trelawny', 'David Kowalski', 'Bernadette O’Neill'],
    notes: {
      notes:
        'Adverts targeted only by age and interest reached mostly white women over forty. Chris’s hub added adverts placed with football clubs and a barbers’ network, and enquiries from men rose from 9% to 17% in three months.\n\nTunde’s hub asked carers from mosque and church congregations to speak at services: 14 enquiries in two months, 5 already at assessment.',
      recordingLink: 'https://stream.example.org/recordings/digital-adverts-webinar',
      actions: '- Chris to share the advert briefs and costs\n- Tomasz to ask the department whether the national campaign can use the same channels',
    },
  },
  {
    community: 'Recruitment marketing',
    title: 'Peer session: turning website enquiries into visits',
    description:
      'A small working session on Chris’s open challenge: why enquiries from the shared website are not converting. Bring your enquiry form and your call-back times.',
    agenda: '- Each hub shows its enquiry journey (5 minutes each)\n- What the data says\n- Changes to try before the next checkpoint',
    inDays: 9,
    start: '10:00',
    end: '11:30',
    joiningLink: 'https://teams.example.org/l/meetup-join/website-enquiries',
    capacity: 6,
    speakers: ['Chris Palmer'],
    organiser: 'Tomasz Nowak',
    registered: ['Chris Palmer', 'Paul Whittaker', 'Tunde Bakare', 'Megan Price', 'Janet Armstrong', 'Rebecca Stone'],
    waiting: ['Louise Hargreaves', 'Sameera Hussain'],
  },
  {
    community: 'Fostering hub leads',
    title: 'Hub leads’ spring meet-up',
    description: 'A day together: the year’s checkpoint findings, the housing question, and planning the second year of the hubs.',
    agenda:
      '- 10:30 Arrival and coffee\n- 11:00 The year in the checkpoints, Tomasz Nowak\n- 12:00 Housing and fostering, Sameera Hussain\n- 13:00 Lunch\n- 14:00 Planning year two\n- 15:30 Close',
    inDays: 30,
    start: '10:30',
    end: '15:30',
    place: 'Room 2.14, Sanctuary Buildings, 20 Great Smith Street, London',
    capacity: 20,
    speakers: ['Tomasz Nowak', 'Sameera Hussain'],
    organiser: 'Tomasz Nowak',
    registered: ['Janet Armstrong', 'Paul Whittaker', 'Louise Hargreaves', 'Sameera Hussain', 'David Kowalski', 'Megan Price'],
  },
];

/** Work events fall on working days: a Saturday moves to the Friday before, a Sunday to the Monday after. */
function weekday(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, 1) : date;
}

/** Events and webinars in the example communities: two past webinars with their notes threads, one full peer session with a waiting list, and a meet-up. */
export async function seedCommunityEvents(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const { workspaceId } = ctx;
  const today = londonToday();
  const person = (name: string) => {
    const id = refs.get(personKey(name));
    if (!id) throw new Error(`Example data refers to an unknown person: ${name}`);
    return id;
  };
  for (const demo of EVENTS) {
    const [community] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.workspaceId, workspaceId), eq(communities.name, demo.community)));
    const date = weekday(addDays(today, demo.inDays));
    const startsAt = londonInstant(date, demo.start);
    const endsAt = londonInstant(date, demo.end);
    const planned = londonInstant(addDays(date, -21), '09:15');
    const [event] = await tx
      .insert(communityEvents)
      .values({
        workspaceId,
        communityId: community.id,
        title: demo.title,
        description: demo.description,
        agenda: demo.agenda,
        startsAt,
        endsAt,
        joiningLink: demo.joiningLink ?? '',
        place: demo.place ?? '',
        capacity: demo.capacity,
        createdByPersonId: person(demo.organiser),
        createdAt: planned,
        updatedAt: planned,
      })
      .returning();
    await tx.insert(eventSpeakers).values(demo.speakers.map((name, position) => ({ workspaceId, eventId: event.id, personId: person(name), position })));
    const asked = (i: number) => londonInstant(addDays(date, -20 + Math.min(i, 15)), '11:00');
    await tx.insert(eventRegistrations).values([
      ...demo.registered.map((name, i) => ({ workspaceId, eventId: event.id, personId: person(name), status: 'registered' as const, requestedAt: asked(i) })),
      ...(demo.waiting ?? []).map((name, i) => ({
        workspaceId,
        eventId: event.id,
        personId: person(name),
        status: 'waiting' as const,
        requestedAt: asked(demo.registered.length + i),
      })),
    ]);
    if (demo.notes) {
      const written = londonInstant(addDays(date, 1), '16:00');
      const [thread] = await tx
        .insert(communityThreads)
        .values({
          workspaceId,
          communityId: community.id,
          kind: 'discussion',
          title: `Notes: ${demo.title}`,
          body: notesPost({ title: demo.title, startsAt }, demo.notes),
          authorPersonId: person(demo.organiser),
          lastPostAt: written,
          createdAt: written,
          updatedAt: written,
        })
        .returning({ id: communityThreads.id });
      await tx
        .insert(threadFollowers)
        .values([...new Set([demo.organiser, ...demo.registered])].map((name) => ({ workspaceId, threadId: thread.id, personId: person(name) })));
      await tx
        .update(communityEvents)
        .set({ ...demo.notes, notesThreadId: thread.id, updatedAt: written })
        .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.id, event.id)));
      await indexThread(tx, workspaceId, thread.id);
    }
    await indexEvent(tx, workspaceId, event.id);
  }
}
