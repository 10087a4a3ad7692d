import { z } from 'zod';
import { asArray } from '../../../core/http/forms.ts';
import { dateField, linkField, optionalText, requiredText, timeField } from '../../../core/http/fields.ts';
import { idParam, pathParams } from '../../../core/http/route-schemas.ts';

/** The most places an event can offer: a national webinar, not a stadium. */
export const MAX_CAPACITY = 5000;

const capacityField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().replace(/,/g, '') : ''),
  z
    .string()
    .refine((value) => value === '' || /^\d+$/.test(value), 'Enter the number of places as a whole number, like 40, or leave it empty for no limit')
    .transform((value) => (value === '' ? null : Number(value)))
    .refine((value) => value === null || value >= 1, 'An event needs at least 1 place, or leave it empty for no limit')
    .refine((value) => value === null || value <= MAX_CAPACITY, `An event can have up to ${MAX_CAPACITY} places`),
);

export const eventSchema = z
  .object({
    title: requiredText('a title', 200),
    description: optionalText('what it is about', 4000),
    agenda: optionalText('agenda', 8000),
    date: dateField('the date'),
    startTime: timeField('the start time'),
    endTime: timeField('the end time'),
    joiningLink: linkField,
    place: optionalText('place', 300),
    capacity: capacityField,
    speakerIds: z.preprocess(asArray, z.array(z.string().max(40)).max(30, 'Choose up to 30 speakers')),
  })
  .refine((value) => value.endTime > value.startTime, { path: ['endTime'], message: 'The end time must be after the start time' })
  .refine((value) => value.joiningLink !== '' || value.place !== '', { path: ['joiningLink'], message: 'Enter a joining link, a place, or both' });
export type EventInput = z.infer<typeof eventSchema>;

/** What happened, afterwards: the notes, the recording, and who does what next. */
export const eventNotesSchema = z.object({
  notes: requiredText('the notes', 20_000),
  recordingLink: linkField,
  actions: optionalText('actions', 8000),
});
export type EventNotesInput = z.infer<typeof eventNotesSchema>;

export const eventParams = pathParams({ communityId: idParam, eventId: idParam });
