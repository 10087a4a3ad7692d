import { formatNumber } from '../../../core/views/format.ts';
import { sourceTypeLabels } from '../../../core/views/labels.ts';
import type { CitationRecord } from '../citations/record.ts';
import { researchTypes, normaliseDoi } from '../schemas.ts';
import { sourceTypes, strengthRatings, type ImportPreviewRow, type SourceType, type StrengthRating } from '../tables.ts';

const MAX_TITLE = 500;
const LIMITS = {
  abstract: 20_000,
  publisher: 300,
  population: 200,
  geography: 200,
  summary: 5000,
  policyImplications: 5000,
  studyDesign: 300,
  sample: 300,
  riskOfBias: 2000,
  strengthRationale: 2000,
  gatheringMethod: 500,
  translatedTitle: 500,
  volume: 50,
  issue: 50,
  pages: 50,
} as const;
const MAX_KEYWORDS = 100;
const MAX_LINKS = 20;
const nextYear = new Date().getFullYear() + 1;

/** The kind of source a citation type most likely is, when the file does not say. */
const kindOfCitation: Record<string, SourceType> = {
  report: 'evaluation_report',
  legislation: 'policy_document',
  bill: 'policy_document',
  dataset: 'data_statistics',
  webpage: 'guidance',
  'post-weblog': 'practitioner_insight',
};

const sourceTypeWords = new Map<string, SourceType>([
  ...sourceTypes.map((value) => [value.replace(/_/g, ''), value] as const),
  ...sourceTypes.map((value) => [sourceTypeLabels[value].toLowerCase().replace(/[^a-z]/g, ''), value] as const),
  ['journalarticle', 'research_study'],
  ['evaluation', 'evaluation_report'],
  ['report', 'evaluation_report'],
  ['policy', 'policy_document'],
  ['data', 'data_statistics'],
  ['statistics', 'data_statistics'],
  ['practice', 'practitioner_insight'],
  ['practiceinsight', 'practitioner_insight'],
  ['livedexperience', 'lived_experience'],
  ['familyvoice', 'lived_experience'],
]);

/** Bridgework's kind of source from a word or label ("Systematic review", "systematic_review"); undefined when unknown. */
export function sourceTypeFrom(value: string): SourceType | undefined {
  return sourceTypeWords.get(value.toLowerCase().replace(/[^a-z]/g, ''));
}

function strengthFrom(value: string): StrengthRating | undefined {
  const key = value.toLowerCase().trim().replace(/\s+/g, '_');
  return strengthRatings.find((rating) => rating === key);
}

const webAddress = (value: string, limit: number) => /^https?:\/\/\S+$/i.test(value) && value.length <= limit;

/** Check one record and turn it into the item an import would create, saying what had to be fixed or why it cannot be imported. */
export function checkRecord(record: CitationRecord): ImportPreviewRow {
  const messages: string[] = [];
  const title = record.title.replace(/\s+/g, ' ').trim();
  const base = { row: record.record, line: record.line, title: title.slice(0, MAX_TITLE) || '(no title)', authors: record.authors.slice(0, 3) };
  if (record.problem) return { ...base, year: null, status: 'invalid', messages: [record.problem] };
  const refuse: string[] = [];
  if (!title) refuse.push('It has no title.');
  else if (title.length > MAX_TITLE) refuse.push(`The title is longer than ${formatNumber(MAX_TITLE)} characters.`);
  let year: number | null = null;
  if (record.year) {
    const value = Number(/\d{4}/.exec(record.year)?.[0] ?? NaN);
    if (value >= 1500 && value <= nextYear) year = value;
    else messages.push(`The year “${record.year.slice(0, 20)}” is not a year, so it was left out.`);
  }
  if (refuse.length) return { ...base, year, status: 'invalid', messages: [...refuse, ...messages] };

  let doi: string | null = null;
  if (record.doi) {
    const value = normaliseDoi(record.doi);
    if (/^10\.\d{4,9}\/\S+$/.test(value) && value.length <= 200) doi = value;
    else messages.push(`The DOI “${record.doi.slice(0, 40)}” is not a DOI, so it was left out.`);
  }
  let pmid: string | null = null;
  if (record.pmid) {
    if (/^\d{1,9}$/.test(record.pmid.trim())) pmid = record.pmid.trim();
    else messages.push(`The PubMed ID “${record.pmid.slice(0, 20)}” is not a number, so it was left out.`);
  }
  let url = '';
  if (record.url) {
    if (webAddress(record.url, 500)) url = record.url;
    else messages.push('The web address does not start with http:// or https:// (or is over 500 characters), so it was left out.');
  }
  const links = record.links.filter((link) => webAddress(link, 1000) && link !== url).slice(0, MAX_LINKS);

  let sourceType: SourceType | undefined;
  if (record.sourceType) {
    sourceType = sourceTypeFrom(record.sourceType);
    if (!sourceType) messages.push(`The type “${record.sourceType.slice(0, 40)}” is not one Bridgework knows, so the kind was worked out from the record.`);
  }
  if (!sourceType && /\b(systematic review|meta-analysis|meta analysis)\b/i.test(title)) sourceType = 'systematic_review';
  sourceType ??= kindOfCitation[record.type] ?? 'research_study';

  const clip = (value: string | undefined, field: keyof typeof LIMITS, label: string) => {
    const text = (value ?? '').trim();
    if (text.length <= LIMITS[field]) return text;
    messages.push(`The ${label} was longer than ${formatNumber(LIMITS[field])} characters and was shortened.`);
    return text.slice(0, LIMITS[field]);
  };
  const own = record.own;
  let strength: StrengthRating | null = null;
  if (own.strength) {
    strength = strengthFrom(own.strength) ?? null;
    if (!strength) messages.push(`The strength rating “${own.strength.slice(0, 30)}” is not one Bridgework uses, so it was left out.`);
    else if (!researchTypes.has(sourceType)) {
      strength = null;
      messages.push('Only research, reviews and evaluations take a strength rating, so it was left out.');
    }
  }
  const keywords = [...new Set(record.keywords.map((keyword) => keyword.slice(0, 200)))].slice(0, MAX_KEYWORDS);
  if (record.keywords.length > MAX_KEYWORDS) messages.push(`Only the first ${MAX_KEYWORDS} keywords were kept.`);
  const identifiers = Object.fromEntries(Object.entries(record.identifiers).map(([name, value]) => [name, value.slice(0, 100)]));

  return {
    ...base,
    year,
    status: 'new',
    messages,
    item: {
      sourceType,
      citationType: record.type.slice(0, 40),
      title,
      translatedTitle: clip(record.translatedTitle, 'translatedTitle', 'translated title'),
      authors: record.authors.map((author) => author.slice(0, 200)).slice(0, 500),
      year,
      publisher: clip(record.publisher, 'publisher', 'journal or publisher'),
      volume: clip(record.volume, 'volume', 'volume'),
      issue: clip(record.issue, 'issue', 'issue'),
      pages: clip(record.pages, 'pages', 'pages'),
      doi,
      pmid,
      identifiers,
      url,
      links,
      abstract: clip(record.abstract, 'abstract', 'abstract'),
      keywords,
      summary: clip(own.summary, 'summary', 'summary'),
      policyImplications: clip(own.policyImplications, 'policyImplications', 'policy implications'),
      population: clip(own.population, 'population', 'population'),
      geography: clip(own.geography, 'geography', 'geography'),
      strength,
      studyDesign: clip(own.studyDesign, 'studyDesign', 'study design'),
      sample: clip(own.sample, 'sample', 'sample'),
      riskOfBias: clip(own.riskOfBias, 'riskOfBias', 'risk of bias'),
      strengthRationale: clip(own.strengthRationale, 'strengthRationale', 'strength rationale'),
      sitesCount: sourceType === 'practitioner_insight' ? (own.sitesCount ?? null) : null,
      evaluated: sourceType === 'practitioner_insight' ? (own.evaluated ?? null) : null,
      voicesCount: sourceType === 'lived_experience' ? (own.voicesCount ?? null) : null,
      gatheringMethod: sourceType === 'lived_experience' ? clip(own.gatheringMethod, 'gatheringMethod', 'how the voices were gathered') : '',
      topics: (own.topics ?? []).map((topic) => topic.slice(0, 100)).slice(0, 50),
    },
  };
}
