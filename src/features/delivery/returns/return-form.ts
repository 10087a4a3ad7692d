import { CONTROL_CHARACTERS } from '../../../core/http/fields.ts';
import { isCalendarDate } from '../../../core/dates.ts';
import { formatNumber } from '../../../core/views/format.ts';
import { ragStatuses, type RagStatus, type ReturnContent, type TemplateDefinition } from '../tables.ts';

export const MAX_SECTION_TEXT = 5000;
export const MAX_COMMENTARY = 2000;

/** Where each answer lives in the web form; the error summary links to these ids. */
export const fieldIds = {
  rag: (key: string) => `${key}-rag`,
  commentary: (key: string) => `${key}-commentary`,
  actual: (key: string) => `${key}-actual`,
  forecast: (key: string) => `${key}-forecast`,
  note: (key: string) => `${key}-note`,
  indicator: (key: string) => `${key}-value`,
  section: (key: string) => `${key}-text`,
};

export function emptyContent(definition: TemplateDefinition): ReturnContent {
  return {
    workstreams: Object.fromEntries(definition.workstreams.map((w) => [w.key, { rag: '' as const, commentary: '' }])),
    milestones: Object.fromEntries(definition.milestones.map((m) => [m.key, { actualOn: '', forecastOn: '', note: '' }])),
    indicators: Object.fromEntries(definition.indicators.map((i) => [i.key, null])),
    sections: Object.fromEntries(definition.sections.map((s) => [s.key, ''])),
  };
}

/** One problem with an answer: the form field it belongs to, or the spreadsheet cell. */
export interface AnswerProblem {
  field: string;
  cell?: string;
  message: string;
}

/** Indicators count or measure what happened in the period (enquiries, days): none can be below zero. */
export const negativeMessage = (name: string, raw: string) => `${name} cannot be negative (you entered “${raw.slice(0, 40)}”): enter 0 if there were none`;

/** Turn typed text into a number the way people write them: "1,250", " 12 ", "3.5". */
export function parseIndicatorNumber(raw: string): number | null | undefined {
  const text = raw.trim().replace(/,(?=\d{3}\b)/g, '');
  if (text === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) < 1e12 ? value : undefined;
}

const str = (value: unknown) =>
  typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : Array.isArray(value) ? String(value[value.length - 1] ?? '').trim() : '';

/**
 * Read the web form into a return, reporting any answer that cannot be kept
 * (bad numbers, bad dates, too long). With problems, the content holds what
 * was typed, to show again; it is saved only when there are none.
 */
export function readReturnForm(definition: TemplateDefinition, body: Record<string, unknown>): { content: ReturnContent; problems: AnswerProblem[] } {
  const content = emptyContent(definition);
  const problems: AnswerProblem[] = [];
  const text = (field: string, label: string, max: number) => {
    const value = str(body[field]);
    if (value.length > max)
      problems.push({ field, message: `${label} must be ${formatNumber(max)} characters or fewer: it has ${formatNumber(value.length)}` });
    else if (CONTROL_CHARACTERS.test(value)) problems.push({ field, message: `${label} must not contain control characters` });
    // Kept whole even when too long: a return with a problem is never saved, only shown again with what was typed.
    return value;
  };
  const dateValue = (field: string, label: string) => {
    const value = str(body[field]);
    if (value && !isCalendarDate(value)) problems.push({ field, message: `${label} must be a real date, for example 27 3 2026` });
    return value;
  };
  for (const w of definition.workstreams) {
    const rag = str(body[fieldIds.rag(w.key)]);
    if (rag && !(ragStatuses as readonly string[]).includes(rag))
      problems.push({ field: fieldIds.rag(w.key), message: `Choose green, amber or red for ${w.name}` });
    content.workstreams[w.key] = {
      rag: (ragStatuses as readonly string[]).includes(rag) ? (rag as RagStatus) : '',
      commentary: text(fieldIds.commentary(w.key), `Commentary on ${w.name}`, MAX_COMMENTARY),
    };
  }
  for (const m of definition.milestones) {
    content.milestones[m.key] = {
      actualOn: dateValue(fieldIds.actual(m.key), `The date “${m.name}” was met`),
      forecastOn: dateValue(fieldIds.forecast(m.key), `The forecast date for “${m.name}”`),
      note: text(fieldIds.note(m.key), `The note on ${m.name}`, MAX_COMMENTARY),
    };
  }
  for (const i of definition.indicators) {
    const raw = str(body[fieldIds.indicator(i.key)]);
    const value = parseIndicatorNumber(raw);
    if (value === undefined)
      problems.push({ field: fieldIds.indicator(i.key), message: `${i.name} must be a number, like 12 (you entered “${raw.slice(0, 40)}”)` });
    else if (value !== null && value < 0) problems.push({ field: fieldIds.indicator(i.key), message: negativeMessage(i.name, raw) });
    content.indicators[i.key] = value ?? null;
  }
  for (const s of definition.sections) content.sections[s.key] = text(fieldIds.section(s.key), s.name, MAX_SECTION_TEXT);
  return { content, problems };
}

/** What a return needs before it can be submitted: every RAG, every indicator, and a reason for amber and red. */
export function completenessProblems(definition: TemplateDefinition, content: ReturnContent, cellOf?: (field: string) => string | undefined): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, cell: cellOf?.(field), message });
  for (const w of definition.workstreams) {
    const answer = content.workstreams[w.key];
    if (!answer?.rag) add(fieldIds.rag(w.key), `Choose a RAG status for ${w.name}`);
    else if (answer.rag !== 'green' && !answer.commentary) add(fieldIds.commentary(w.key), `Explain why ${w.name} is ${answer.rag}`);
  }
  for (const m of definition.milestones) {
    const answer = content.milestones[m.key];
    if (answer?.actualOn && answer.forecastOn) add(fieldIds.forecast(m.key), `“${m.name}” has a date met, so leave its forecast date empty`);
  }
  for (const i of definition.indicators) {
    if (content.indicators[i.key] === null || content.indicators[i.key] === undefined)
      add(fieldIds.indicator(i.key), `Enter a figure for ${i.name} (enter 0 if there were none)`);
  }
  return problems;
}
