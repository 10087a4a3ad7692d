import { z } from 'zod';
import { asArray } from '../../core/http/forms.ts';
import { optionalText, requiredText, choice, dateField } from '../../core/http/fields.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { impactLevels, questionKinds, reportSectionKeys, surveyWaves, type QuestionKind } from './tables.ts';

/* The evaluation's forms: questions, surveys and impact examples. */

export const questionKindLabels: Record<QuestionKind, string> = {
  likert: 'How much they agree, from “strongly disagree” to “strongly agree”',
  single: 'Choose one option',
  multiple: 'Choose any options',
  number: 'A number',
  text: 'Free text',
  retrospective: 'Two answers: how it was before the programme, and now',
};

export const questionSchema = z
  .object({
    kind: choice(questionKinds, 'Select the kind of question'),
    text: requiredText('the question', 500),
    hint: optionalText('hint', 500),
    domainId: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : null), z.string().max(40).nullable()),
    scalePoints: z.preprocess((v) => (v === '7' ? 7 : 5), z.number()),
    options: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/\r?\n/)
              .map((line) => line.trim())
              .filter(Boolean)
          : [],
      z.array(z.string().max(200, 'Each option must be 200 characters or fewer')).max(30, 'Give at most 30 options'),
    ),
    measuresPracticeChange: z.preprocess((v) => v === 'yes', z.boolean()),
  })
  .refine((q) => !(q.kind === 'single' || q.kind === 'multiple') || q.options.length >= 2, {
    path: ['options'],
    message: 'Give at least two options, one per line',
  });

export type QuestionInput = z.infer<typeof questionSchema>;

export const domainSchema = z.object({ name: requiredText('the domain’s name', 200), description: optionalText('description', 1000) });
export type DomainInput = z.infer<typeof domainSchema>;

/** The framework form: save a domain (new, or the one named by `id`), or delete it. */
export const domainActionSchema = z.looseObject({
  id: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && value !== '' ? value : undefined))
    .pipe(idParam.optional()),
  action: z
    .unknown()
    .optional()
    .transform((value) => (value === 'delete' ? 'delete' : 'save')),
});

/** A question's form also deletes it. */
export const deleteActionSchema = z.looseObject({
  action: z
    .unknown()
    .optional()
    .transform((value) => value === 'delete'),
});

export const surveySchema = z.object({
  title: requiredText('a title', 200),
  wave: choice(surveyWaves, 'Select the wave'),
  introduction: optionalText('introduction', 2000),
  anonymous: z.preprocess((v) => v === 'yes', z.boolean()),
  closesOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().refine(isCalendarDate, 'Enter the closing date as a real date, for example 27 3 2026').nullable(),
  ),
  questionIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40))),
});

export type SurveyInput = z.infer<typeof surveySchema>;

export const impactSchema = z.object({
  level: choice(impactLevels, 'Select how far the evidence went'),
  whatChanged: requiredText('what changed', 500),
  policyOrDecision: requiredText('the policy or decision', 300),
  description: optionalText('description', 4000),
  occurredOn: dateField('the date'),
  confirmer: optionalText('who can confirm it', 300),
  evidenceIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40)).max(50)),
  sessionIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40)).max(50)),
});

export const questionParams = pathParams({ programmeId: idParam, questionId: idParam });
export const surveyParams = pathParams({ programmeId: idParam, surveyId: idParam });
export const impactParams = pathParams({ programmeId: idParam, impactId: idParam });
export type ImpactInput = z.infer<typeof impactSchema>;

const optionalId = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && value !== '' ? value : null))
  .pipe(idParam.nullable());

/** Tagging a written answer on the quotes page. */
export const answerTagSchema = z.object({
  responseId: idParam,
  questionId: idParam,
  domainId: optionalId,
  picked: z
    .unknown()
    .optional()
    .transform((value) => value === 'yes'),
});
export type AnswerTagInput = z.infer<typeof answerTagSchema>;

/** Verifying an example, or withdrawing it (`verified=no`). */
export const verifySchema = z.object({
  verified: z
    .unknown()
    .optional()
    .transform((value) => value !== 'no'),
});

/** One section of the report rewritten by hand; empty goes back to the standard text. */
export const reportSectionSchema = z.object({
  key: z.enum(reportSectionKeys, { error: 'That is not a section of the report.' }),
  body: optionalText('the section', 20000),
});
export type ReportSectionInput = z.infer<typeof reportSectionSchema>;

export const responsesParams = pathParams({ programmeId: idParam, format: z.enum(['csv', 'xlsx']) });
export const surveyActionParams = pathParams({ programmeId: idParam, surveyId: idParam, action: z.enum(['open', 'remind', 'close']) });
