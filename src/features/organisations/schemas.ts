import { z } from 'zod';
import { choice, optionalText, requiredText } from '../../core/http/fields.ts';
import { regions } from '../../core/views/labels.ts';
import { organisationKinds } from './tables.ts';

const websiteField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : ''),
  z.union([
    z.literal(''),
    z
      .string()
      .max(300, 'Website must be 300 characters or fewer')
      .pipe(z.url({ protocol: /^https?$/, error: 'Enter a website address starting with https://' })),
  ]),
);

export const organisationSchema = z.object({
  name: requiredText('the organisation’s name', 160),
  kind: choice(organisationKinds, 'Select the kind of organisation'),
  parentId: z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().max(40).nullable()),
  region: z.preprocess((value) => value ?? '', z.union([z.literal(''), z.enum(regions)], { error: 'Select a region from the list' })),
  website: websiteField,
  description: optionalText('description', 2000),
});
export type OrganisationInput = z.infer<typeof organisationSchema>;
