import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { normaliseDoi } from '../schemas.ts';
import { evidenceItems, type ImportPreviewRow } from '../tables.ts';
import { titleKey } from '../title-key.ts';
import { sourceTypeFrom, type RawRecord } from './parse-file.ts';

const MAX_TITLE = 500;
const LIMITS = { abstract: 20_000, publisher: 300, population: 200, geography: 200 } as const;
const nextYear = new Date().getFullYear() + 1;

/** Check one record and turn it into an evidence item, collecting what had to be fixed or refused. */
function checkRecord(record: RawRecord): ImportPreviewRow {
  const messages: string[] = [];
  const refuse: string[] = [];
  const title = record.title.replace(/\s+/g, ' ').trim();
  if (!title) refuse.push('It has no title.');
  else if (title.length > MAX_TITLE) refuse.push(`The title is longer than ${MAX_TITLE} characters.`);
  let year: number | null = null;
  if (record.year) {
    const match = /\d{4}/.exec(record.year);
    const value = match ? Number(match[0]) : NaN;
    if (value >= 1800 && value <= nextYear) year = value;
    else messages.push(`The year “${record.year.slice(0, 20)}” is not a year, so it was left out.`);
  }
  let doi: string | null = null;
  if (record.doi) {
    const value = normaliseDoi(record.doi);
    if (/^10\.\d{4,9}\/\S+$/.test(value) && value.length <= 200) doi = value;
    else messages.push(`The DOI “${record.doi.slice(0, 40)}” is not a DOI, so it was left out.`);
  }
  let url = '';
  if (record.url) {
    if (/^https?:\/\/\S+$/i.test(record.url) && record.url.length <= 500) url = record.url;
    else messages.push('The web address does not start with http:// or https://, so it was left out.');
  }
  const sourceType = sourceTypeFrom(record.sourceType);
  if (!sourceType) messages.push(`The type “${record.sourceType.slice(0, 40)}” is not one Bridgework knows; it was imported as a research study.`);
  const clip = (value: string, limit: number, label: string) => {
    if (value.length <= limit) return value;
    messages.push(`The ${label} was longer than ${limit.toLocaleString('en-GB')} characters and was shortened.`);
    return value.slice(0, limit);
  };
  const authors = record.authors.map((author) => author.slice(0, 200)).slice(0, 100);
  const base = { row: record.row, title: title.slice(0, MAX_TITLE) || '(no title)', authors: authors.slice(0, 3), year };
  if (refuse.length) return { ...base, status: 'invalid', messages: [...refuse, ...messages] };
  return {
    ...base,
    status: 'new',
    messages,
    item: {
      sourceType: sourceType ?? 'research_study',
      title,
      authors,
      year,
      publisher: clip(record.publisher, LIMITS.publisher, 'journal or publisher'),
      doi,
      url,
      abstract: clip(record.abstract, LIMITS.abstract, 'abstract'),
      population: clip(record.population, LIMITS.population, 'population'),
      geography: clip(record.geography, LIMITS.geography, 'geography'),
    },
  };
}

const sameYear = (a: number | null, b: number | null) => a === null || b === null || a === b;

/**
 * What an import would do, row by row: new items, duplicates (the same DOI, or
 * the same title and year, already in the library or earlier in the file) and
 * records that cannot be imported, each with its reasons.
 */
export async function buildPreview(db: Executor, workspaceId: string, records: RawRecord[]): Promise<ImportPreviewRow[]> {
  const rows = records.map(checkRecord);
  const candidates = rows.filter((row) => row.item);
  const dois = [...new Set(candidates.map((row) => row.item!.doi).filter((doi): doi is string => Boolean(doi)))];
  const keys = [...new Set(candidates.map((row) => titleKey(row.item!.title)).filter(Boolean))];
  const existing: Array<{ id: string; title: string; year: number | null; doi: string | null; titleKey: string }> = [];
  for (let i = 0; i < Math.max(dois.length, keys.length); i += 1000) {
    const doiChunk = dois.slice(i, i + 1000);
    const keyChunk = keys.slice(i, i + 1000);
    const matches = [];
    if (doiChunk.length) matches.push(inArray(evidenceItems.doi, doiChunk));
    if (keyChunk.length) matches.push(inArray(evidenceItems.titleKey, keyChunk));
    existing.push(
      ...(await db
        .select({ id: evidenceItems.id, title: evidenceItems.title, year: evidenceItems.year, doi: evidenceItems.doi, titleKey: evidenceItems.titleKey })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.workspaceId, workspaceId), or(...matches)))),
    );
  }
  const byDoi = new Map(existing.filter((item) => item.doi).map((item) => [item.doi!, item]));
  const byKey = new Map<string, typeof existing>();
  for (const item of existing) byKey.set(item.titleKey, [...(byKey.get(item.titleKey) ?? []), item]);

  const seenDoi = new Map<string, number>();
  const seenKey = new Map<string, Array<{ row: number; year: number | null }>>();
  for (const row of rows) {
    if (!row.item) continue;
    const key = titleKey(row.item.title);
    const doi = row.item.doi;
    const inLibrary = (doi && byDoi.get(doi)) || byKey.get(key)?.find((item) => sameYear(item.year, row.item!.year));
    const inFile = (doi && seenDoi.get(doi)) || seenKey.get(key)?.find((earlier) => sameYear(earlier.year, row.item!.year))?.row;
    if (inLibrary) {
      row.status = 'duplicate';
      row.duplicateOf = { kind: 'library', id: inLibrary.id, title: inLibrary.title };
      row.messages.unshift(
        doi && inLibrary.doi === doi
          ? 'An item with the same DOI is already in the library.'
          : 'An item with the same title and year is already in the library.',
      );
    } else if (inFile) {
      row.status = 'duplicate';
      row.duplicateOf = { kind: 'file', row: inFile };
      row.messages.unshift(`The same reference appears earlier in this file (record ${inFile}).`);
    }
    if (doi && !seenDoi.has(doi)) seenDoi.set(doi, row.row);
    seenKey.set(key, [...(seenKey.get(key) ?? []), { row: row.row, year: row.item.year }]);
    if (row.status === 'duplicate') delete row.item;
  }
  return rows;
}
