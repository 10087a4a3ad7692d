/**
 * Everything said to a person about dates, times, numbers and counts, in
 * British style and in one place: pages (as Nunjucks filters), Word reports,
 * spreadsheets and e-mails all use these, so they always agree.
 */
import { TIME_ZONE } from '../dates.ts';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const longDateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const shortMonthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: TIME_ZONE });
const hourFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: TIME_ZONE });
const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A Date, an ISO instant, or a calendar date ("2026-12-01", read as that day in London). */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

const formatted = (format: Intl.DateTimeFormat) => (value: unknown) => {
  const date = toDate(value);
  return date ? format.format(date) : '';
};

/** "1 December 2026" */
export const formatDate = formatted(dateFormat);
/** "1 Dec 2026, 14:00" */
export const formatDateTime = formatted(dateTimeFormat);
/** "14:00" */
export const formatTime = formatted(timeFormat);
/** "Tuesday 1 December 2026" */
export const formatLongDate = formatted(longDateFormat);
/** "December 2026" */
export const formatMonth = formatted(monthFormat);
/** "Dec 2026", for a column heading */
export const formatShortMonth = formatted(shortMonthFormat);

const clock = (date: Date) => hourFormat.format(date).replace(':00', '').replace(/\s/g, '');

/** "Tuesday 1 December 2026, 2pm" (or "2:30pm"): when something happens, as an invitation says it. */
export function formatWhen(value: unknown): string {
  const date = toDate(value);
  if (!date) return '';
  return `${longDateFormat.format(date)}, ${clock(date)}`;
}

/** "Tuesday 1 December 2026, 2pm to 3:30pm"; the end's date is said too when it falls on another day. */
export function formatWhenRange(start: unknown, end: unknown): string {
  const from = toDate(start);
  const to = toDate(end);
  if (!from || !to) return formatWhen(start);
  const sameDay = longDateFormat.format(from) === longDateFormat.format(to);
  return `${formatWhen(from)} to ${sameDay ? clock(to) : formatWhen(to)}`;
}

/** "1,234.5"; anything that is not a number is shown as it is. */
export function formatNumber(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return numberFormat.format(value);
  return typeof value === 'string' ? value : '';
}

/** A score on a scale, always to two places ("3.40", "4.25"), so figures side by side read alike. */
export function formatScore(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '–';
}

/** Items as a sentence says them: "A", "A and B", "A, B and C". */
export function formatList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A share of a whole as a whole percentage ("45%"); a dash when there is no whole to share. */
export function formatPercent(value: number, of: number): string {
  return of ? `${Math.round((value / of) * 100)}%` : '–';
}

/** A count with its noun: "1 day", "3 days", "1,200 people". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : plural}`;
}

/** A duration given in hours: "under an hour", "5 hours", "3 days". */
export function formatHours(value: unknown): string {
  const hours = Number(value);
  if (value === null || value === undefined || !Number.isFinite(hours)) return '–';
  if (hours < 1) return 'under an hour';
  if (hours < 48) return countOf(Math.round(hours), 'hour');
  return countOf(Math.round(hours / 24), 'day');
}

/** A period given in months: "6 months", "1 year", "6 years". */
export function formatMonths(months: number): string {
  return months % 12 === 0 ? countOf(months / 12, 'year') : countOf(months, 'month');
}

/** "512 bytes", "12 KB", "3.4 MB" */
export function formatFileSize(bytes: unknown): string {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
