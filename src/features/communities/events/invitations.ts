// Times are written in UTC (with Z) so every calendar app places them right without a VTIMEZONE block.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Mailer } from '../../../core/mailer.ts';
import { formatWhenRange } from '../../../core/views/format.ts';
import type { CommunityEvent } from './queries.ts';

/** A person to send an invitation, its update or its cancellation to. */
export interface Invitee {
  fullName: string;
  email: string | null;
}

/** What an operation hands back for sending once its transaction has committed: nobody is invited to an event that was never saved. */
export interface Invitations {
  event: CommunityEvent;
  community: { id: string; name: string };
  /** REQUEST gives (or updates) a place in the calendar; CANCEL takes it out. */
  method: 'REQUEST' | 'CANCEL';
  /** Why they hear from us, said first in the e-mail. */
  reason: 'registered' | 'promoted' | 'changed' | 'cancelled' | 'left';
  people: Invitee[];
}

const uid = (event: { id: string }) => `${event.id}@bridgework`;

function where(event: CommunityEvent): string {
  return [event.place, event.joiningLink].filter(Boolean).join(' · ');
}

/**
 * One event as an iCalendar object: an invitation (REQUEST) naming the person
 * as a confirmed attendee, or its cancellation. The same UID and a raised
 * SEQUENCE make a calendar app replace what it holds.
 */
export function eventCalendar(
  event: CommunityEvent,
  options: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; pageUrl: string; organiser: { name: string; email: string }; attendee?: Invitee },
): string {
  const calendar = ical({
    method: ICalCalendarMethod[options.method],
    prodId: { company: 'Bridgework', product: 'Communities', language: 'EN' },
  });
  calendar.createEvent({
    id: uid(event),
    sequence: event.sequence,
    start: event.startsAt,
    end: event.endsAt,
    stamp: new Date(),
    summary: event.title,
    description: [event.description, event.joiningLink ? `Join: ${event.joiningLink}` : '', `Details: ${options.pageUrl}`].filter(Boolean).join('\n\n'),
    location: where(event) || undefined,
    url: options.pageUrl,
    status: options.method === 'CANCEL' || event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: options.organiser,
    attendees:
      options.attendee?.email && options.method !== 'PUBLISH'
        ? [
            {
              name: options.attendee.fullName,
              email: options.attendee.email,
              role: ICalAttendeeRole.REQ,
              status: options.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
            },
          ]
        : [],
  });
  return calendar.toString();
}

/** A community's events as a feed calendar apps subscribe to: times, places and joining links, never who registered. */
export function eventsFeed(community: { name: string }, events: CommunityEvent[], pageUrl: (event: CommunityEvent) => string): string {
  const calendar = ical({
    name: `${community.name} – events`,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Bridgework', product: 'Communities', language: 'EN' },
  });
  for (const event of events) {
    calendar.createEvent({
      id: uid(event),
      sequence: event.sequence,
      start: event.startsAt,
      end: event.endsAt,
      summary: event.cancelledAt ? `Cancelled: ${event.title}` : event.title,
      description: [event.description, `Details and registration: ${pageUrl(event)}`].filter(Boolean).join('\n\n'),
      location: event.place || undefined,
      url: pageUrl(event),
      status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

const openings: Record<Invitations['reason'], (title: string) => string> = {
  registered: (title) => `You have a place at “${title}”.`,
  promoted: (title) => `A place came free at “${title}”, and it is yours: you were next on the waiting list.`,
  changed: (title) => `“${title}” has changed. The invitation below replaces the one you had.`,
  cancelled: (title) => `“${title}” has been cancelled.`,
  left: (title) => `You have given up your place at “${title}”.`,
};

const subjects: Record<Invitations['reason'], string> = {
  registered: 'Your place',
  promoted: 'A place for you',
  changed: 'Changed',
  cancelled: 'Cancelled',
  left: 'Place given up',
};

/**
 * Send each person their own e-mail with the calendar invitation (mail
 * programs offer "add to calendar"; a cancellation takes it out again).
 * People without an e-mail address see the change in the app only.
 */
export async function sendInvitations(
  mailer: Mailer,
  context: { workspaceId: string; publicUrl: string; workspaceSlug: string; organiser: { name: string; email: string } },
  invitations: Invitations,
): Promise<number> {
  const { event, community } = invitations;
  const pageUrl = `${context.publicUrl}/w/${context.workspaceSlug}/communities/${community.id}/events/${event.id}`;
  let sent = 0;
  for (const person of invitations.people) {
    if (!person.email) continue;
    const keepsPlace = invitations.method === 'REQUEST';
    await mailer.send({
      workspaceId: context.workspaceId,
      kind: `event.${invitations.reason}`,
      to: person.email,
      subject: `${subjects[invitations.reason]}: ${event.title} (${formatWhenRange(event.startsAt, event.endsAt)})`,
      text: [
        `Hello ${person.fullName},`,
        '',
        openings[invitations.reason](event.title),
        '',
        `When: ${formatWhenRange(event.startsAt, event.endsAt)} (UK time)`,
        event.place ? `Where: ${event.place}` : '',
        keepsPlace && event.joiningLink ? `Join online: ${event.joiningLink}` : '',
        '',
        keepsPlace ? 'The invitation attached adds it to your calendar.' : 'The attachment takes it out of your calendar.',
        `Details: ${pageUrl}`,
        '',
        `${community.name}, through Bridgework`,
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
      calendar: {
        method: invitations.method,
        content: eventCalendar(event, { method: invitations.method, pageUrl, organiser: context.organiser, attendee: person }),
      },
    });
    sent += 1;
  }
  return sent;
}

/** The organiser calendar apps show: the address Bridgework sends from ("Name <address>" or a bare address). */
export function organiserFrom(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1] || 'Bridgework', email: match[2] } : { name: 'Bridgework', email: mailFrom.trim() };
}
