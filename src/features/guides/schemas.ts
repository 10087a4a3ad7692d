import { z } from 'zod';
import { isCalendarDate } from '../../core/dates.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { asArray } from '../../core/http/forms.ts';
import { optionalText, requiredText } from '../../core/http/fields.ts';
import { idParam, pathParams, queryOf } from '../../core/http/route-schemas.ts';

const optionalRecord = (message: string) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().refine(isUuid, message).nullable());

const baseVersion = z.preprocess((value) => Number(value ?? 0), z.number().int().min(0));
const changeNote = requiredText('what you changed', 300);

export const guideSchema = z.object({
  title: requiredText('a title', 200),
  summary: optionalText('what the guide is for', 2000),
  ownerPersonId: optionalRecord('Choose the owner from the list'),
  reviewDueOn: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .refine((value) => value === '' || isCalendarDate(value), 'Enter the review date as a real date, for example 27 3 2027')
      .transform((value) => value || null),
  ),
  changeNote: z.preprocess((value) => (typeof value === 'string' && value.trim() ? value : 'Changed the guide’s details'), changeNote),
  baseVersion,
});
export type GuideInput = z.infer<typeof guideSchema>;

export const sectionSchema = z.object({ title: requiredText('the section’s title', 200), changeNote, baseVersion });
export type SectionInput = z.infer<typeof sectionSchema>;

const ids = (message: string) => z.preprocess(asArray, z.array(z.string().refine(isUuid, message)).max(30));

export const stepSchema = z.object({
  sectionKey: z.string().min(1, 'Choose the section').max(40),
  title: requiredText('the step’s title', 200),
  guidance: optionalText('the guidance', 20_000),
  checklist: z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z
      .string()
      .max(4000, 'The checklist must be 4000 characters or fewer')
      .transform((text) =>
        text
          .replace(/\r\n/g, '\n')
          .split('\n')
          .map((line) => line.replace(/^[\s\-*•[\]x]+/i, '').trim())
          .filter(Boolean),
      ),
  ),
  lessonIds: ids('Choose lessons from the list'),
  evidenceIds: ids('Choose evidence from the list'),
  changeNote,
  baseVersion,
});
export type StepInput = z.infer<typeof stepSchema>;

export const commentSchema = z.object({ body: requiredText('your comment', 4000) });
export type CommentInput = z.infer<typeof commentSchema>;

export const guideParams = pathParams({ guideId: idParam });
export const stepParams = pathParams({ guideId: idParam, stepKey: z.string().regex(/^[a-z0-9]{1,40}$/) });
export const versionParams = pathParams({ guideId: idParam, number: z.coerce.number().int().min(1).max(100_000) });
export const compareQuery = queryOf({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});
