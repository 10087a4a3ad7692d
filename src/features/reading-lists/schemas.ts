import { z } from 'zod';
import { optionalText, requiredText } from '../../core/http/fields.ts';
import { idParam, pathParams, queryText } from '../../core/http/route-schemas.ts';

const optionalId = z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : null), z.string().max(40).nullable());

export const readingListSchema = z.object({
  title: requiredText('a title', 200),
  description: optionalText('description', 2000),
  topicId: optionalId,
  personId: optionalId,
  sessionId: optionalId,
});
export type ReadingListInput = z.infer<typeof readingListSchema>;

/** A new list, started from an item's page with that item to go on it first. */
export const newReadingListSchema = readingListSchema.extend({ evidenceId: optionalId });

export const readingItemSchema = z.object({
  evidenceId: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().min(1, 'Choose an item from the library').max(40)),
  note: optionalText('note', 1000),
});

/** Adding an item from a list's search or from an item's page; `back` is where to return to. */
export const addItemSchema = readingItemSchema.extend({
  listId: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : '')),
  back: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : '')),
});

/** A change to an item on a list: its note, its place, or taking it off. */
export const readingItemChangeSchema = z.object({
  action: z.preprocess((value) => value ?? 'note', z.enum(['note', 'up', 'down', 'remove'], { error: 'That change is not one the list understands.' })),
  note: optionalText('note', 1000),
});
export type ReadingItemChange = z.infer<typeof readingItemChangeSchema>;

export const listParams = pathParams({ id: idParam });
export const listItemParams = pathParams({ id: idParam, evidenceId: idParam });
/** ?topic=, ?person=, ?session=, ?item=: what a new list is for, when started from that page. */
export const newListQuery = z.looseObject({ topic: queryText(40), person: queryText(40), session: queryText(40), item: queryText(40) });
/** ?q= searches the library for items to add. */
export const listPageQuery = z.looseObject({ q: queryText(300) });
