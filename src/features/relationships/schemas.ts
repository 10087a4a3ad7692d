import { z } from 'zod';
import { choice, dateField, optionalText, pickedRecord, requiredText } from '../../core/http/fields.ts';
import { asArray } from '../../core/http/forms.ts';
import { idParam, pathParams, queryOf } from '../../core/http/route-schemas.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { perspectives } from '../people/tables.ts';
import { introductionOutcomes, relationshipKinds } from './tables.ts';

/** A tie recorded by hand, from a person's page: who else, how, and when. */
export const tieSchema = z.object({
  personId: pickedRecord('Choose the person they are tied to'),
  otherPersonId: pickedRecord('Choose the person they are tied to'),
  kind: choice(relationshipKinds, 'Choose how they are tied'),
  occurredOn: dateField('the date'),
  note: optionalText('note', 1000),
});
export type TieInput = z.infer<typeof tieSchema>;

/** The most people one introduction brings together: past that it is a meeting, not an introduction. */
export const MAX_INTRODUCED = 8;

export const introductionSchema = z.object({
  personIds: z.preprocess(
    asArray,
    z
      .array(z.string().refine(isUuid, 'Choose people from the list'))
      .min(2, 'Choose at least two people to introduce')
      .max(MAX_INTRODUCED, `Introduce at most ${MAX_INTRODUCED} people at once`),
  ),
  note: requiredText('a note saying why they should talk', 2000),
  followUpOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined),
    z.string().refine(isCalendarDate, 'Enter the follow-up date as a real date, for example 27 3 2026').optional(),
  ),
});
export type IntroductionInput = z.infer<typeof introductionSchema>;

export const outcomeSchema = z.object({
  outcome: choice(introductionOutcomes, 'Say whether they met'),
  outcomeNote: optionalText('note', 1000),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

export const networkQuery = queryOf({
  perspective: z.preprocess(asArray, z.array(z.enum(perspectives)).catch([])),
});

export const newIntroductionQuery = queryOf({ people: z.preprocess(asArray, z.array(z.string().refine(isUuid)).max(MAX_INTRODUCED).catch([])) });

export const newTieQuery = queryOf({ person: z.string().refine(isUuid).catch('00000000-0000-4000-8000-000000000000') });

export const programmeNetworkParams = pathParams({ programmeId: idParam });
export const communityNetworkParams = pathParams({ communityId: idParam });
export const tieParams = pathParams({ tieId: idParam });
export const introductionParams = pathParams({ introductionId: idParam });
