import type { CitationRecord, OwnFields } from './record.ts';

/**
 * Bridgework's own fields in a reference file, named the same way in every
 * format that has room for them (BibTeX "bridgework-summary", CSL-JSON
 * custom.bridgework.summary, a CSV column "Summary"), so an export imports
 * back with nothing lost.
 */
const textFields = {
  summary: 'summary',
  'policy-implications': 'policyImplications',
  population: 'population',
  geography: 'geography',
  strength: 'strength',
  'study-design': 'studyDesign',
  sample: 'sample',
  'risk-of-bias': 'riskOfBias',
  'strength-rationale': 'strengthRationale',
  'gathering-method': 'gatheringMethod',
} as const satisfies Record<string, keyof OwnFields>;

const countFields = { 'sites-count': 'sitesCount', 'voices-count': 'voicesCount' } as const satisfies Record<string, keyof OwnFields>;

/** Read Bridgework's fields through `get` (a field's text by its file name, or undefined when absent). */
export function ownFromFields(get: (name: string) => string | undefined): { fields: OwnFields; sourceType: string } {
  const fields: OwnFields = {};
  for (const [name, key] of Object.entries(textFields)) {
    const value = get(name);
    if (value !== undefined && value !== '') fields[key] = value;
  }
  for (const [name, key] of Object.entries(countFields)) {
    const value = get(name)?.trim();
    if (value && /^\d{1,7}$/.test(value)) fields[key] = Number(value);
  }
  const evaluated = get('evaluated')?.trim().toLowerCase();
  if (evaluated === 'yes' || evaluated === 'no') fields.evaluated = evaluated === 'yes';
  const topics = get('topics');
  if (topics)
    fields.topics = topics
      .split(';')
      .map((topic) => topic.trim())
      .filter(Boolean);
  return { fields, sourceType: get('type')?.trim() ?? '' };
}

/** Bridgework's fields of a record as [file name, text] pairs, leaving out the empty ones. */
export function ownToFields(record: CitationRecord): Array<[string, string]> {
  const own = record.own;
  const pairs: Array<[string, string]> = [];
  if (record.sourceType) pairs.push(['type', record.sourceType]);
  for (const [name, key] of Object.entries(textFields)) {
    const value = own[key];
    if (value) pairs.push([name, value]);
  }
  for (const [name, key] of Object.entries(countFields)) {
    const value = own[key];
    if (value !== undefined && value !== null) pairs.push([name, String(value)]);
  }
  if (own.evaluated !== undefined && own.evaluated !== null) pairs.push(['evaluated', own.evaluated ? 'yes' : 'no']);
  if (own.topics?.length) pairs.push(['topics', own.topics.join('; ')]);
  return pairs;
}
