import { z } from 'zod';
import { choice, dateField } from '../../../core/http/fields.ts';
import { queryChoice, queryOf } from '../../../core/http/route-schemas.ts';
import { MAX_REMINDER_DAYS } from './automation.ts';

export const scheduleSchema = z.object({
  frequency: choice(['monthly', 'quarterly'] as const, 'Choose monthly or quarterly'),
  firstPeriodStart: dateField('the first day'),
  count: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? Number(v) : undefined),
    z
      .number({ error: 'Enter how many rounds to add' })
      .int('Enter a whole number of rounds')
      .min(1, 'Add at least one round')
      .max(60, 'Add at most 60 rounds at a time'),
  ),
  dueDaysAfter: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? Number(v) : 10),
    z
      .number({ error: 'Enter the days allowed after the period ends' })
      .int('Enter a whole number of days')
      .min(0, 'Days after the period cannot be negative')
      .max(90, 'Allow at most 90 days after the period'),
  ),
});

/** A number of days, or nothing (an empty box means that e-mail is not sent). */
const days = (when: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() ? Number(value.trim()) : null) : value),
    z
      .number({ error: `Enter the days ${when} as a number, or leave the box empty` })
      .int(`Enter the days ${when} as a whole number`)
      .min(1, `Enter at least 1 day ${when}, or leave the box empty`)
      .max(MAX_REMINDER_DAYS, `Enter at most ${MAX_REMINDER_DAYS} days ${when}`)
      .nullable(),
  );

/** The settings form. */
export const automationSchema = z.object({
  openWhenPeriodEnds: z.preprocess((value) => value === 'yes', z.boolean()),
  remindDaysBefore: days('before the due date'),
  chaseDaysAfter: days('after the due date'),
});

/** The tracker's filter: one state, or every site. */
export const roundPageQuery = queryOf({ show: queryChoice(['submitted', 'draft', 'returned', 'late', 'missing'] as const) });
