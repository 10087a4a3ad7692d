import { z } from 'zod';
import { asArray } from '../../core/http/forms.ts';
import { pageParam } from '../../core/http/pagination.ts';
import { idParam, pathParams, searchable } from '../../core/http/route-schemas.ts';
import { uploadedFileField } from '../../core/http/uploads.ts';
import { choice, optionalText, requiredText } from '../../core/http/fields.ts';
import { sourceTypes, strengthRatings } from './tables.ts';

/** Research carries a strength-of-evidence appraisal; practice and lived experience have their own. */
export const researchTypes = new Set(['research_study', 'systematic_review', 'evaluation_report']);

const currentYear = new Date().getFullYear();

const optionalYear = z.preprocess(
  (value) => (value === '' || value === undefined || value === null ? null : typeof value === 'string' ? value.trim() : value),
  z
    .union([z.null(), z.string().regex(/^\d{4}$/, 'Enter the year as 4 digits, like 2021')])
    .transform((value) => (value === null ? null : Number(value)))
    .refine((value) => value === null || (value >= 1800 && value <= currentYear + 1), `Enter a year between 1800 and ${currentYear + 1}`),
);

const optionalCount = (label: string) =>
  z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? null : typeof value === 'string' ? value.trim() : value),
    z
      .union([z.null(), z.string().regex(/^\d{1,7}$/, `Enter ${label} as a whole number, like 12`)])
      .transform((value) => (value === null ? null : Number(value))),
  );

/** DOIs in any common form (doi:, https://doi.org/ ...) are stored bare and lower-case. */
export function normaliseDoi(value: string): string {
  return value
    .trim()
    .replace(/^(https?:\/\/)?(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .toLowerCase();
}

const doiField = z.preprocess(
  (value) => (typeof value === 'string' ? normaliseDoi(value) : ''),
  z.union([
    z.literal(''),
    z
      .string()
      .max(200, 'DOI must be 200 characters or fewer')
      .regex(/^10\.\d{4,9}\/\S+$/, 'Enter a DOI like 10.1111/cdev.13128'),
  ]),
);

const urlField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : ''),
  z.union([
    z.literal(''),
    z
      .string()
      .max(500, 'Web address must be 500 characters or fewer')
      .pipe(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https://' })),
  ]),
);

export const evidenceSchema = z
  .object({
    sourceType: choice(sourceTypes, 'Select the kind of source'),
    title: requiredText('the title', 500),
    authors: optionalText('authors', 2000).transform((value) =>
      value
        .split(/\n|;/)
        .map((author) => author.trim())
        .filter(Boolean),
    ),
    year: optionalYear,
    publisher: optionalText('journal or publisher', 300),
    doi: doiField,
    url: urlField,
    abstract: optionalText('abstract', 20_000),
    summary: optionalText('plain-English summary', 5000),
    policyImplications: optionalText('what this means for policy', 5000),
    population: optionalText('population', 200),
    geography: optionalText('geography', 200),
    strength: z.preprocess((value) => (value === '' ? undefined : value), z.enum(strengthRatings, { error: 'Select a strength rating' }).optional()),
    studyDesign: optionalText('study design', 300),
    sample: optionalText('sample', 300),
    riskOfBias: optionalText('risk of bias', 2000),
    strengthRationale: optionalText('rationale', 2000),
    sitesCount: optionalCount('the number of sites'),
    evaluated: z.preprocess((value) => (value === '' || value === undefined ? undefined : value), z.enum(['yes', 'no']).optional()),
    voicesCount: optionalCount('the number of voices'),
    gatheringMethod: optionalText('how the voices were gathered', 500),
    topicIds: z.preprocess((value) => asArray(value), z.array(z.string().max(40)).max(50, 'Choose 50 topics or fewer')),
  })
  .superRefine((value, ctx) => {
    if (value.strength && !researchTypes.has(value.sourceType)) {
      ctx.addIssue({ code: 'custom', path: ['strength'], message: 'Only research, reviews and evaluations take a strength rating' });
    }
    if (value.strength && !value.strengthRationale) {
      ctx.addIssue({ code: 'custom', path: ['strengthRationale'], message: 'Say why you gave this rating' });
    }
  })
  .transform((value) => ({
    ...value,
    doi: value.doi === '' ? null : value.doi,
    strength: researchTypes.has(value.sourceType) ? (value.strength ?? null) : null,
    evaluated: value.sourceType === 'practitioner_insight' && value.evaluated ? value.evaluated === 'yes' : null,
    sitesCount: value.sourceType === 'practitioner_insight' ? value.sitesCount : null,
    voicesCount: value.sourceType === 'lived_experience' ? value.voicesCount : null,
    gatheringMethod: value.sourceType === 'lived_experience' ? value.gatheringMethod : '',
  }));
export type EvidenceInput = z.infer<typeof evidenceSchema>;

export const attachmentLinkSchema = z.object({
  url: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .min(1, 'Enter the link’s address')
      .max(1000, 'The link must be 1000 characters or fewer')
      .pipe(z.url({ protocol: /^https?$/, error: 'Enter a link starting with https://' })),
  ),
  label: optionalText('label', 200),
});

/** Repeated values in a query string (?type=a&type=b), as a list. */
const queryList = searchable(
  z
    .unknown()
    .optional()
    .transform((value) => asArray(value).slice(0, 50)),
);
const queryString = searchable(
  z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : '')),
);

/** The library's search and filters, as the list, its pages and its export links send them. */
export const evidenceQuery = z.looseObject({
  q: queryString,
  type: queryList,
  strength: queryList,
  topic: queryList,
  from: queryString,
  to: queryString,
  population: queryString,
  sort: queryString,
  page: pageParam,
});
export type EvidenceQuery = z.infer<typeof evidenceQuery>;

/** An export: `format` with the search (the links), or `selection` with the ticked ids (the buttons). */
export const exportQuery = evidenceQuery.extend({ format: queryString, selection: z.string().optional(), selected: queryList });

/** The gap map's two dimensions, and `format` for a download. */
export const gapMapQuery = z.looseObject({ rows: queryString, columns: queryString, format: queryString });

/** An attachment: a link (`kind=link`) with its address and label, or a file with an optional label. */
export const attachmentFormSchema = z.looseObject({
  kind: queryString,
  label: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value.trim().slice(0, 200) : '')),
  file: uploadedFileField,
});

export const attachmentParams = pathParams({ id: idParam, attachmentId: idParam });
