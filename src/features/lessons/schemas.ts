import { z } from 'zod';
import { isCalendarDate } from '../../core/dates.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { asArray } from '../../core/http/forms.ts';
import { choice, optionalChoice, optionalText, requiredText } from '../../core/http/fields.ts';
import { idParam, pathParams, queryOf, queryText } from '../../core/http/route-schemas.ts';
import { lessonDecisions, lessonSourceKinds, lessonStatuses, programmePhases } from './tables.ts';

const optionalRecord = (message: string) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().refine(isUuid, message).nullable());

/** A count people may leave empty when they do not know it. */
const optionalCount = (label: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().replace(/,/g, '') : ''),
    z
      .string()
      .refine((value) => value === '' || /^\d{1,5}$/.test(value), `Enter ${label} as a whole number, or leave it empty`)
      .transform((value) => (value === '' ? null : Number(value))),
  );

const optionalDate = (label: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .refine((value) => value === '' || isCalendarDate(value), `Enter ${label} as a real date, for example 27 3 2027`)
      .transform((value) => value || null),
  );

export const lessonSchema = z.object({
  title: requiredText('a title', 200),
  programmeId: optionalRecord('Choose a programme from the list'),
  phase: optionalChoice(programmePhases, 'Choose the phase from the list'),
  placeKind: optionalText('the kind of site or place', 200),
  whatHappened: requiredText('what happened', 8000),
  whatWorked: optionalText('what worked or did not', 8000),
  recommendation: optionalText('the recommendation', 4000),
  sitesSeen: optionalCount('the number of sites'),
  programmesSeen: optionalCount('the number of programmes'),
  evaluated: z.preprocess((value) => value === 'yes' || value === true, z.boolean()),
  topicIds: z.preprocess(asArray, z.array(z.string().refine(isUuid, 'Choose topics from the list')).max(20, 'Choose up to 20 topics')),
  ownerPersonId: optionalRecord('Choose the owner from the list'),
  reviewDueOn: optionalDate('the review date'),
  /** The revision the form was opened at; a save over a newer one is refused rather than lost. */
  revision: z.preprocess((value) => Number(value ?? 0), z.number().int().min(0)),
});
export type LessonInput = z.infer<typeof lessonSchema>;

export const lessonStatusSchema = z.object({ status: choice(lessonStatuses, 'Choose what to do with the lesson') });

export const promoteSchema = z.object({
  kind: choice(lessonSourceKinds, 'Choose what the lesson comes from'),
  sourceId: z.string().refine(isUuid, 'That record could not be found'),
  /** For an insight in a return: which section of it. */
  sectionKey: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().max(100)),
});
export type PromoteInput = z.infer<typeof promoteSchema>;

export const decisionSchema = z.object({
  decision: choice(lessonDecisions, 'Choose whether it was applied, is not relevant, or is to discuss'),
  note: optionalText('a note', 1000),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const lessonParams = pathParams({ lessonId: idParam });
export const lessonListQuery = queryOf({ q: queryText(500) });
