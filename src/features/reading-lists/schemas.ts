import { z } from 'zod';
import { optionalText, requiredText } from '../../core/http/fields.ts';

const optionalId = z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : null), z.string().max(40).nullable());

export const readingListSchema = z.object({
  title: requiredText('a title', 200),
  description: optionalText('description', 2000),
  topicId: optionalId,
  personId: optionalId,
  sessionId: optionalId,
});
export type ReadingListInput = z.infer<typeof readingListSchema>;

export const readingItemSchema = z.object({
  evidenceId: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().min(1, 'Choose an item from the library').max(40)),
  note: optionalText('note', 1000),
});
