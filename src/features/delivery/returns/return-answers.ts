import { z } from 'zod';
import { ragStatuses, type ReturnContent, type TemplateDefinition } from '../tables.ts';
import { completenessProblems, fieldIds, readReturnForm, type AnswerProblem } from './return-form.ts';

/** A return's answers as the API takes them: keyed by the template's keys, any left out saved empty. */
export const returnAnswers = z
  .object({
    workstreams: z
      .record(z.string(), z.object({ rag: z.union([z.enum(ragStatuses), z.literal('')]).optional(), commentary: z.string().optional() }))
      .optional(),
    milestones: z
      .record(
        z.string(),
        z.object({
          actualOn: z.string().optional().describe('YYYY-MM-DD, once met'),
          forecastOn: z.string().optional().describe('YYYY-MM-DD, while not yet met'),
          note: z.string().optional(),
        }),
      )
      .optional(),
    indicators: z.record(z.string(), z.number().nullable()).optional(),
    sections: z.record(z.string(), z.string()).optional(),
  })
  .describe('Answers keyed by the round template’s workstream, milestone, indicator and section keys');
export type ReturnAnswers = z.infer<typeof returnAnswers>;

/**
 * Check answers sent through the API by the web form's own rules, so a return is held to the same
 * standard however it arrives. Problems name the answer as the request did: `content.indicators.enquiries`.
 */
export function readReturnAnswers(
  definition: TemplateDefinition,
  answers: ReturnAnswers,
  submit: boolean,
): { content: ReturnContent; problems: AnswerProblem[] } {
  const body: Record<string, string> = {};
  const pathOf = new Map<string, string>();
  const problems: AnswerProblem[] = [];
  const known = {
    workstreams: definition.workstreams.map((w) => w.key),
    milestones: definition.milestones.map((m) => m.key),
    indicators: definition.indicators.map((i) => i.key),
    sections: definition.sections.map((s) => s.key),
  };
  const kinds = { workstreams: 'a workstream', milestones: 'a milestone', indicators: 'an indicator', sections: 'a section' } as const;
  for (const group of Object.keys(known) as Array<keyof typeof known>) {
    for (const key of Object.keys(answers[group] ?? {}))
      if (!known[group].includes(key)) problems.push({ field: `content.${group}.${key}`, message: `“${key}” is not ${kinds[group]} of this round’s template` });
  }
  const put = (fieldId: string, path: string, value: string | undefined) => {
    pathOf.set(fieldId, path);
    body[fieldId] = value ?? '';
  };
  for (const key of known.workstreams) {
    const answer = answers.workstreams?.[key];
    put(fieldIds.rag(key), `content.workstreams.${key}.rag`, answer?.rag);
    put(fieldIds.commentary(key), `content.workstreams.${key}.commentary`, answer?.commentary);
  }
  for (const key of known.milestones) {
    const answer = answers.milestones?.[key];
    put(fieldIds.actual(key), `content.milestones.${key}.actualOn`, answer?.actualOn);
    put(fieldIds.forecast(key), `content.milestones.${key}.forecastOn`, answer?.forecastOn);
    put(fieldIds.note(key), `content.milestones.${key}.note`, answer?.note);
  }
  for (const key of known.indicators) {
    const value = answers.indicators?.[key];
    put(fieldIds.indicator(key), `content.indicators.${key}`, value === null || value === undefined ? '' : String(value));
  }
  for (const key of known.sections) put(fieldIds.section(key), `content.sections.${key}`, answers.sections?.[key]);

  const read = readReturnForm(definition, body);
  const found = [...read.problems];
  if (submit && found.length === 0 && problems.length === 0) found.push(...completenessProblems(definition, read.content));
  problems.push(...found.map((problem) => ({ ...problem, field: pathOf.get(problem.field) ?? problem.field })));
  return { content: read.content, problems };
}
