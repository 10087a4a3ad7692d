import nunjucks from 'nunjucks';
import { fromRoot } from '../paths.ts';
import { addComponentCache, ComponentMacroLoader } from './component-cache.ts';
import {
  countOf,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatHours,
  formatLongDate,
  formatShortMonth,
  formatScore,
  formatNumber,
  formatTime,
  formatWhen,
  formatWhenRange,
  toDate,
} from './format.ts';
import { contactPreferenceLabels, labelSets, organisationKindLabels, roleLabels, sourceTypeLabels, strengthLabels } from './labels.ts';

/**
 * One Nunjucks environment for the whole app. Autoescape is on, so text from
 * users is always escaped; templates are found in src/views, each feature's
 * views folder (as "<feature>/views/<name>.njk") and govuk-frontend.
 */
export function createViewEnvironment(options: { watch?: boolean; cacheComponents?: boolean } = {}) {
  const searchPaths = [fromRoot('src/views'), fromRoot('src/features'), fromRoot('node_modules/govuk-frontend/dist')];
  // While templates are being edited (watch), components render afresh each time.
  const cacheComponents = options.cacheComponents ?? !options.watch;
  const loaderOptions = { noCache: options.watch ?? false, watch: false };
  const env = new nunjucks.Environment(
    cacheComponents ? new ComponentMacroLoader(searchPaths, loaderOptions) : new nunjucks.FileSystemLoader(searchPaths, loaderOptions),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  if (cacheComponents) addComponentCache(env);
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('time', formatTime);
  env.addFilter('longDate', formatLongDate);
  env.addFilter('shortMonth', formatShortMonth);
  env.addFilter('score', formatScore);
  env.addFilter('when', formatWhen);
  env.addFilter('whenRange', formatWhenRange);
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? formatNumber(value) : plainText(value)));
  env.addFilter('label', (value: string, set: string) => labelSets[set]?.[value] ?? value);
  // Plain text with its web addresses made into links; everything else escaped.
  env.addFilter('linkify', (value: unknown) => {
    const text = plainText(value);
    const escape = (part: string) => part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const html = text
      .split(/(https?:\/\/[^\s<>"]+)/g)
      .map((part, index) => (index % 2 === 1 ? `<a class="govuk-link" href="${escape(part)}" rel="noopener noreferrer">${escape(part)}</a>` : escape(part)))
      .join('');
    return new nunjucks.runtime.SafeString(html);
  });
  env.addFilter('hours', formatHours);
  env.addFilter('fileSize', formatFileSize);
  // Radio items for a labelled scale: values 1..n, the chosen one checked.
  env.addFilter('scaleItems', (labels: string[], chosen: unknown) =>
    labels.map((text, index) => ({ value: String(index + 1), text, checked: plainText(chosen) === String(index + 1) })),
  );
  env.addFilter('isoDate', (value: unknown) => toDate(value)?.toISOString() ?? '');
  env.addFilter('roleLabel', (value: string) => roleLabels[value] ?? value);
  env.addFilter('organisationKind', (value: string) => organisationKindLabels[value] ?? value);
  env.addFilter('contactPreference', (value: string) => contactPreferenceLabels[value] ?? value);
  env.addFilter('sourceType', (value: string) => sourceTypeLabels[value] ?? value);
  env.addFilter('strength', (value: string) => strengthLabels[value] ?? value);
  env.addFilter('plural', (count: number, singular: string, plural?: string) =>
    typeof count === 'number' ? countOf(count, singular, plural) : `${plainText(count)} ${plural ?? `${singular}s`}`,
  );
  // Options for govukSelect from a list, marking the chosen one.
  env.addFilter('selectItems', (items: Array<{ value: string; text: string }>, selected: unknown, blank?: string) => {
    const chosen = plainText(selected);
    const list = items.map((item) => ({ ...item, selected: item.value === chosen }));
    return blank === undefined ? list : [{ value: '', text: blank, selected: chosen === '' }, ...list];
  });
  // Items for govukCheckboxes, ticking the chosen values.
  env.addFilter('checkboxItems', (items: Array<{ value: string; text: string; hint?: unknown }>, selected: unknown) => {
    const chosen = new Set((Array.isArray(selected) ? selected : selected ? [selected] : []).map(String));
    return items.map((item) => ({ ...item, checked: chosen.has(item.value) }));
  });
  return env;
}

export type ViewEnvironment = ReturnType<typeof createViewEnvironment>;

/** A template value as text: strings, numbers and booleans as they read; nothing (and objects) as empty. */
function plainText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}
