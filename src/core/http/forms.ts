import type { z } from 'zod';

export interface FormErrors {
  /** Field name to its first message, for the field's own error message. */
  fields: Record<string, string>;
  /** The GOV.UK error summary list, each linking to its field. */
  list: Array<{ text: string; href: string }>;
}

export const noErrors: FormErrors = { fields: {}, list: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.list.length > 0;
}

/** Turn a Zod error into GOV.UK error summary items, one per field, in form order. */
export function formErrorsFrom(error: z.ZodError): FormErrors {
  const errors: FormErrors = { fields: {}, list: [] };
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors.fields[field]) continue;
    errors.fields[field] = issue.message;
    errors.list.push({ text: issue.message, href: `#${field}` });
  }
  return errors;
}

/** A single error on one field, for rules checked after parsing (duplicates, wrong password). */
export function fieldError(field: string, message: string): FormErrors {
  return { fields: { [field]: message }, list: [{ text: message, href: `#${field}` }] };
}

/** One text value from a posted form or query string: anything else (absent, repeated) reads as the fallback. */
export function formText(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** Form bodies arrive as strings or string arrays; checkboxes with one value arrive as a string. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((item) => item !== '');
}
