import { z } from 'zod';
import { optionalText, requiredText } from '../../../core/http/fields.ts';
import { queryOf } from '../../../core/http/route-schemas.ts';

const MAX_SECTION = 20000;

/** The briefing's words, as the facilitator edits them. */
export const briefingWordsSchema = z.object({
  headline: requiredText('a headline: it is the one line everyone reads', MAX_SECTION),
  progress: optionalText('progress and RAG changes', MAX_SECTION),
  themes: optionalText('top themes', MAX_SECTION),
  risks: optionalText('risks and support requested', MAX_SECTION),
  goodPractice: optionalText('good practice', MAX_SECTION),
});

export const briefingAction = z
  .unknown()
  .optional()
  .transform((value) => (value === 'generate' || value === 'share' || value === 'withdraw' ? value : 'save'));

export const briefingPageQuery = queryOf({
  edit: z
    .unknown()
    .optional()
    .transform((value) => value === '1'),
});
