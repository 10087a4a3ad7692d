import { z } from 'zod';
import { optionalText } from '../../core/http/fields.ts';
import { asArray } from '../../core/http/forms.ts';
import { WEBHOOK_EVENT_TYPES } from './event-types.ts';

const eventTypes = WEBHOOK_EVENT_TYPES.map((event) => event.type) as [string, ...string[]];

/** An endpoint as the form sends it; the address is checked against the server's rules (private networks) by the operation. */
export const endpointSchema = z.object({
  url: z
    .string({ error: 'Enter the address to send events to' })
    .trim()
    .min(1, 'Enter the address to send events to')
    .max(2000, 'The address must be 2,000 characters or fewer'),
  description: optionalText('the description', 200),
  events: z.preprocess(asArray, z.array(z.enum(eventTypes, { error: 'Choose events from the list' })).min(1, 'Choose at least one event to send')),
  active: z.preprocess((value: unknown) => (Array.isArray(value) ? (value.at(-1) as unknown) : value), z.enum(['yes', 'no']).default('yes')),
});
export type EndpointInput = z.infer<typeof endpointSchema>;
