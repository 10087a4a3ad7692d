import { z } from 'zod';
import { asArray } from '../../core/http/forms.ts';
import { choice, optionalEmailField, optionalText, requiredText } from '../../core/http/fields.ts';
import { roles } from '../../core/auth/roles.ts';
import { pageParam } from '../../core/http/pagination.ts';
import { queryChoice, queryOf, queryText, queryYes } from '../../core/http/route-schemas.ts';
import { regions } from '../../core/views/labels.ts';
import { contactPreferences, perspectives } from './tables.ts';

export const personSchema = z.object({
  fullName: requiredText('the person’s full name', 120),
  email: optionalEmailField,
  phone: optionalText('phone number', 40).refine((value) => value === '' || /^[0-9 +()-]{6,40}$/.test(value), {
    message: 'Enter a phone number, like 020 7946 0000 or +44 20 7946 0000',
  }),
  jobTitle: optionalText('job title', 160),
  organisationId: z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().max(40).nullable()),
  region: z.preprocess((value) => value ?? '', z.union([z.literal(''), z.enum(regions)], { error: 'Select a region from the list' })),
  bio: optionalText('short bio', 2000),
  perspective: z.preprocess(
    (value) => (value === '' || value === undefined ? null : value),
    z.enum(perspectives, { error: 'Select a perspective from the list' }).nullable(),
  ),
  contactPreference: choice(contactPreferences, 'Select how they prefer to be contacted'),
  openToContact: z.preprocess((value) => value === 'yes' || value === 'true' || value === true, z.boolean()),
  topicIds: z.preprocess((value) => asArray(value), z.array(z.string().max(40)).max(50, 'Choose 50 topics or fewer')),
});
export type PersonInput = z.infer<typeof personSchema>;

/** The people list's search and filters, as the query string carries them. */
export const peopleQuery = queryOf({
  q: queryText(200),
  organisation: queryText(40),
  region: queryChoice(regions),
  topic: queryText(40),
  access: queryChoice([...roles, 'none']),
  openToContact: queryYes,
  page: pageParam,
});
