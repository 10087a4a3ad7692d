import { z } from 'zod';
import { pickedRecord } from '../../../core/http/fields.ts';

export const addSitesSchema = z.object({ organisationId: pickedRecord('Choose an authority, hub or region to add') });

/** Make someone a lead or contact (anything but "lead" reads as a contact), or remove them. */
export const siteContactSchema = z.object({
  personId: pickedRecord('Choose a person from the list'),
  role: z
    .unknown()
    .optional()
    .transform((value) => (value === 'lead' ? ('lead' as const) : ('contact' as const))),
  action: z
    .unknown()
    .optional()
    .transform((value) => (value === 'remove' ? ('remove' as const) : ('set' as const))),
});
