import { z } from 'zod';
import { isCalendarDate, isClockTime } from '../dates.ts';
import { isUuid } from '../db/uuid.ts';

/** Characters that have no place in a form field: NUL and other control codes except tab and newlines. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL = CONTROL_CHARACTERS;

function cleaned(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : value;
}

/** A required single-line text field with a GOV.UK-style message naming it. */
export function requiredText(label: string, max: number) {
  return z.preprocess(
    cleaned,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .refine((value) => !CONTROL.test(value), `${capitalise(label)} must not contain control characters`),
  );
}

/** An optional text field; absent becomes the empty string. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    (value) => cleaned(value ?? ''),
    z
      .string({ error: `Enter ${label} once, as text` })
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .refine((value) => !CONTROL.test(value), `${capitalise(label)} must not contain control characters`),
  );
}

export const emailField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z
    .string({ error: 'Enter an email address' })
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
);

export const optionalEmailField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : (value ?? '')),
  z.union([
    z.literal(''),
    z.string().max(254, 'Email address must be 254 characters or fewer').pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  ]),
);

/** One value from a fixed list, with a message saying what to choose. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((value) => (value === '' || value === undefined ? undefined : value), z.enum(values, { error: message }).optional());
}

/** A record picked from a list (its id); whether it is really there is checked against the database. */
export function pickedRecord(message: string) {
  return z.string({ error: message }).trim().refine(isUuid, message);
}

function capitalise(text: string): string {
  const words = text.replace(/^(a|an|the|your) /i, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A required calendar date (YYYY-MM-DD, as a date input sends it) that really exists. */
export const dateField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, `Enter ${label}`).refine(isCalendarDate, `Enter ${label} as a real date, for example 27 3 2026`),
  );

/** A required time of day, 24-hour (09:30, 14:00). */
export const timeField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, `Enter ${label}`).refine(isClockTime, `Enter ${label} as a 24-hour time, like 09:30 or 14:00`),
  );

/** An optional web address, http or https only (never javascript: or data:). */
export const linkField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : ''),
  z.union([
    z.literal(''),
    z
      .string()
      .max(500, 'The link must be 500 characters or fewer')
      .pipe(z.url({ protocol: /^https?$/, error: 'Enter a link starting with https://' })),
  ]),
);
