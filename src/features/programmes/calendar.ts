// Times are written in UTC (with Z) so every calendar app places them right without a VTIMEZONE block.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDays, londonParts } from '../../core/dates.ts';
import type { SessionSummary } from './queries.ts';
import { sessionKindLabels } from '../../core/views/labels.ts';

export interface CalendarDay {
  date: string;
  day: number;
  inMonth: boolean;
  isToday: boolean;
  sessions: SessionSummary[];
}

/** A month as weeks of days (Monday first), each with its sessions, for the month view. */
export function monthGrid(month: string, sessions: SessionSummary[], today: string) {
  const [year, monthNumber] = month.split('-').map(Number);
  const first = `${month}-01`;
  const weekday = (new Date(Date.UTC(year, monthNumber - 1, 1)).getUTCDay() + 6) % 7;
  const byDate = new Map<string, SessionSummary[]>();
  for (const session of sessions) {
    const date = londonParts(session.startsAt).date;
    byDate.set(date, [...(byDate.get(date) ?? []), session]);
  }
  const weeks: CalendarDay[][] = [];
  let date = addDays(first, -weekday);
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date, day: Number(date.slice(8)), inMonth: date.startsWith(month), isToday: date === today, sessions: byDate.get(date) ?? [] });
      date = addDays(date, 1);
    }
    weeks.push(week);
  } while (date.startsWith(month));
  const shift = (delta: number) => {
    const d = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const label = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
  return { month, label, weeks, previous: shift(-1), next: shift(1), count: sessions.filter((s) => londonParts(s.startsAt).date.startsWith(month)).length };
}

/** The programme's sessions as an iCalendar feed calendar apps can subscribe to. */
export function calendarFeed(programme: { id: string; name: string }, sessions: SessionSummary[], pageUrl: string): string {
  const calendar = ical({ name: programme.name, method: ICalCalendarMethod.PUBLISH, prodId: { company: 'Bridgework', product: 'Programmes', language: 'EN' } });
  for (const session of sessions) {
    const location = [session.place, session.address].filter(Boolean).join(', ') || session.onlineLink;
    calendar.createEvent({
      id: `${session.id}@bridgework`,
      start: session.startsAt,
      end: session.endsAt,
      summary: `${session.title} (${sessionKindLabels[session.kind] ?? session.kind})`,
      description: [
        session.description,
        session.speakers.length ? `Speakers: ${session.speakers.join(', ')}` : '',
        session.onlineLink ? `Join: ${session.onlineLink}` : '',
        `Details: ${pageUrl}/sessions/${session.id}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      location: location || undefined,
      url: `${pageUrl}/sessions/${session.id}`,
    });
  }
  return calendar.toString();
}
