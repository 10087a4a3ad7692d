import { z } from 'zod';
import { asArray } from '../../core/http/forms.ts';
import { optionalText, requiredText, choice, dateField } from '../../core/http/fields.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { impactLevels, questionKinds, surveyWaves, type QuestionKind } from './tables.ts';

/* The evaluation's forms: questions, surveys and impact examples. */

export const questionKindLabels: Record<QuestionKind, string> = {
  likert: 'Agreement scale (Likert)',
  single: 'Choose one option',
  multiple: 'Choose any options',
  number: 'A number',
  text: 'Free text',
  retrospective: 'Before and now (retrospective pair)',
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

export const surveySchema = z.object({
  title: requiredText('a title', 200),
  wave: choice(surveyWaves, 'Select the wave'),
  introduction: optionalText('introduction', 2000),
  anonymous: z.preprocess((v) => v === 'yes', z.boolean()),
  closesOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().refine(isCalendarDate, 'Enter the closing date as a real date, like 2026-03-27').nullable(),
  ),
  questionIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40))),
});

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
