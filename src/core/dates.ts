/**
 * Dates and times as people in the UK write them. Forms send a calendar date
 * (YYYY-MM-DD) and a wall-clock time (HH:MM) in Europe/London; the database
 * keeps instants. These helpers convert both ways across clock changes.
 */

export const TIME_ZONE = 'Europe/London';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isClockTime(value: string): boolean {
  return TIME.test(value);
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London calendar date and clock time of an instant. */
export function londonParts(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The instant a London wall clock shows the given date and time. */
export function londonInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // London is UTC or UTC+1: try the offset the wall time implies, and correct once.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = londonParts(new Date(guess));
    const [sy, sm, sd] = shown.date.split('-').map(Number);
    const [sh, smin] = shown.time.split(':').map(Number);
    guess += asUtc - Date.UTC(sy, sm - 1, sd, sh, smin);
  }
  return new Date(guess);
}

/** Today's date in London, YYYY-MM-DD. */
export function londonToday(now = new Date()): string {
  return londonParts(now).date;
}

/** Add days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
