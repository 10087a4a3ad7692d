import { z } from 'zod';
import { choice, dateField, optionalText, requiredText } from '../../../core/http/fields.ts';
import { queryChoice, queryOf, queryText } from '../../../core/http/route-schemas.ts';
import { sectionPurposes } from '../tables.ts';
import { templateItemKinds } from './definition.ts';

const numberOrNull = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim().replace(/,/g, '')) : null),
    z
      .number({ error: `${label} must be a number` })
      .finite(`${label} must be a number`)
      .min(0, `${label} cannot be negative`)
      .max(1e9, `${label} is too large`)
      .nullable(),
  );

/** Each kind of item's own form. */
export const itemSchemas = {
  workstreams: z.object({ name: requiredText('the workstream’s name', 200), description: optionalText('description', 1000) }),
  milestones: z.object({
    name: requiredText('the milestone', 200),
    plannedOn: dateField('the planned date'),
  }),
  indicators: z.object({
    name: requiredText('the indicator’s name', 200),
    definition: requiredText('a definition, so every site counts the same thing', 1000),
    unit: requiredText('the unit, like enquiries or days', 40),
    target: numberOrNull('The target'),
    aggregation: z.preprocess((v) => v ?? 'sum', choice(['sum', 'average'] as const, 'Choose whether sites’ figures are added up or averaged')),
    better: z.preprocess((v) => v ?? 'higher', choice(['higher', 'lower'] as const, 'Choose whether a higher or a lower figure is better')),
  }),
  sections: z.object({
    name: requiredText('the section’s name', 200),
    prompt: optionalText('prompt', 1000),
    purpose: z.preprocess((v) => v ?? 'other', choice(sectionPurposes, 'Choose what the section is for')),
  }),
} as const;

/** Which item a posted form is about, and what to do with it; an unknown kind is a page that does not exist. */
export const itemTarget = z.looseObject({
  kind: z.enum(templateItemKinds),
  key: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && value ? value : undefined)),
  action: z
    .unknown()
    .optional()
    .transform((value) => (value === 'remove' || value === 'up' || value === 'down' ? value : 'save')),
});

/** `?kind=indicators` opens the form to add one; `&edit=i4` to change that one. */
export const templatePageQuery = queryOf({ kind: queryChoice(templateItemKinds), edit: queryText(40) });
