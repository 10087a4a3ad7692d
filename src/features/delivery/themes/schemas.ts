import { z } from 'zod';
import { isUuid } from '../../../core/db/uuid.ts';
import { optionalText, requiredText } from '../../../core/http/fields.ts';
import { asArray } from '../../../core/http/forms.ts';
import { pageParam } from '../../../core/http/pagination.ts';
import { queryOf, queryText } from '../../../core/http/route-schemas.ts';

const optionalId = z
  .unknown()
  .optional()
  .transform((value) => (isUuid(value) ? value : undefined));
const idList = z.preprocess((value) => asArray(value), z.array(z.string().max(40)).max(500));

export const themeSchema = z.object({ name: requiredText('the theme’s name', 120), description: optionalText('description', 1000) });

export const responseSchema = z.object({ response: requiredText('the response', 4000), roundId: optionalId });

/** The codebook's forms: save a theme (new, or `id` renamed), merge `id` into `into`, or delete `id`. */
export const codebookTarget = z.looseObject({
  id: optionalId,
  action: z
    .unknown()
    .optional()
    .transform((value) => (value === 'merge' || value === 'delete' ? value : 'save')),
  into: optionalId,
});

export const codebookQuery = queryOf({ edit: optionalId });

/** The coding page's filters and page. */
export const codeQuery = queryOf({
  round: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : undefined)),
  section: queryText(20),
  show: z
    .unknown()
    .optional()
    .transform((value) => (value === 'all' ? ('all' as const) : ('uncoded' as const))),
  page: pageParam,
});

/** One answer's coding: its themes ticked with a quote, or one suggestion added with a click. */
export const codingTarget = z.looseObject({
  returnId: z.string().refine(isUuid),
  sectionKey: z.string().regex(/^[a-z]\d{1,6}$/),
  themeIds: idList,
  current: idList,
  add: optionalId,
  returnTo: queryText(1000),
});

/** The coding form, with its quote box (empty means the whole answer). */
export const codingForm = z.object({ excerpt: optionalText('the quote', 20_000) });

/** A suggestion accepted with one click: no quote box, so new themes keep the passage already chosen. */
export const suggestionForm = z.object({}).transform(() => ({ excerpt: undefined }));

export const candidateAction = z
  .unknown()
  .optional()
  .transform((value) => (value === 'dismiss' || value === 'merge' ? value : 'accept'));
export const mergeCandidateSchema = z.object({
  themeId: z.string({ error: 'Choose the theme to merge into' }).refine(isUuid, 'Choose the theme to merge into'),
});
