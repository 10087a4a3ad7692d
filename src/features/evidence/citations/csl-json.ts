import { nameFromCsl, nameToCsl, type CslName } from './names.ts';
import { ownFromFields, ownToFields } from './own-fields.ts';
import { emptyRecord, joinKeywords, oneLine, splitKeywords, unreadable, yearIn, type CitationRecord } from './record.ts';

/** The CSL-JSON fields Bridgework reads (Zotero, Mendeley and citation.js write these). */
interface CslItem {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  'original-title'?: unknown;
  author?: unknown;
  editor?: unknown;
  issued?: { 'date-parts'?: unknown[][]; raw?: unknown; literal?: unknown };
  'container-title'?: unknown;
  'collection-title'?: unknown;
  publisher?: unknown;
  volume?: unknown;
  issue?: unknown;
  page?: unknown;
  DOI?: unknown;
  PMID?: unknown;
  PMCID?: unknown;
  ISBN?: unknown;
  ISSN?: unknown;
  URL?: unknown;
  abstract?: unknown;
  keyword?: unknown;
  note?: unknown;
  custom?: { bridgework?: Record<string, unknown>; links?: unknown; accession?: unknown };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((name): name is CslName => typeof name === 'object' && name !== null)
    .map((name) => nameFromCsl(name))
    .filter(Boolean);
}

function toRecord(item: CslItem, number: number): CitationRecord {
  const record = emptyRecord(number, 0);
  record.type = text(item.type);
  record.title = oneLine(text(item.title));
  record.translatedTitle = oneLine(text(item['original-title']));
  const authors = names(item.author);
  record.authors = authors.length ? authors : names(item.editor);
  const issued = item.issued ?? {};
  const dateParts = Array.isArray(issued['date-parts']) && Array.isArray(issued['date-parts'][0]) ? issued['date-parts'][0][0] : undefined;
  record.year = yearIn(text(dateParts)) || yearIn(text(issued.raw)) || yearIn(text(issued.literal)) || text(issued.raw) || text(issued.literal);
  record.publisher = oneLine(text(item['container-title']) || text(item.publisher) || text(item['collection-title']));
  record.volume = text(item.volume);
  record.issue = text(item.issue);
  record.pages = text(item.page).replace(/[–—]/g, '-');
  record.doi = text(item.DOI);
  record.pmid = text(item.PMID);
  for (const [name, value] of [
    ['pmcid', item.PMCID],
    ['isbn', item.ISBN],
    ['issn', item.ISSN],
    ['accession', item.custom?.accession],
  ] as const)
    if (text(value)) record.identifiers[name] = text(value);
  record.url = text(item.URL);
  record.links = Array.isArray(item.custom?.links) ? item.custom.links.map(text).filter((link) => /^https?:\/\//i.test(link)) : [];
  record.abstract = text(item.abstract);
  // CSL keeps keywords as one string; Zotero separates them with commas, citation.js and Bridgework with semicolons.
  record.keywords = splitKeywords(text(item.keyword));
  const own = item.custom?.bridgework;
  if (own && typeof own === 'object') {
    const read = ownFromFields((name) => {
      const value = own[name];
      return Array.isArray(value) ? value.map(text).join('; ') : value === undefined ? undefined : text(value);
    });
    record.own = read.fields;
    record.sourceType = read.sourceType;
  }
  return record;
}

/** Where each item of a CSL-JSON array starts, for messages: the line of each value at the top level of the array. */
function itemLines(source: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectingItem = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\n') line += 1;
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingItem && !/[\s,\]]/.test(char)) {
      lines.push(line);
      expectingItem = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectingItem = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expectingItem = true;
  }
  return lines;
}

/** Read CSL-JSON (an array of items, or one item): an item that is not an object with a title is reported, the rest are read. */
export function readCslJson(source: string): CitationRecord[] | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { problem: `The CSL-JSON file is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  const items = Array.isArray(data) ? data : [data];
  const lines = Array.isArray(data) ? itemLines(source) : [1];
  return items.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return unreadable(i + 1, lines[i] ?? 0, 'This item is not a CSL-JSON object with fields such as "title" and "author".');
    return { ...toRecord(item, i + 1), line: lines[i] ?? 0 };
  });
}

/** CSL-JSON, the common language of citation tools; Bridgework's own fields go in `custom`, which CSL-JSON sets aside for them. */
export function writeCslJson(records: CitationRecord[], ids: string[]): string {
  const items = records.map((record, i) => {
    const own = Object.fromEntries(ownToFields(record));
    const custom = {
      ...(record.links.length ? { links: record.links } : {}),
      ...(record.identifiers.accession ? { accession: record.identifiers.accession } : {}),
      ...(Object.keys(own).length ? { bridgework: { ...own, ...(record.own.topics ? { topics: record.own.topics } : {}) } } : {}),
    };
    return {
      id: ids[i],
      type: record.type || 'document',
      title: record.title,
      'original-title': record.translatedTitle || undefined,
      author: record.authors.length ? record.authors.map(nameToCsl) : undefined,
      issued: record.year ? { 'date-parts': [[Number(record.year)]] } : undefined,
      [record.type === 'article-journal' || record.type === 'chapter' || record.type === 'paper-conference' ? 'container-title' : 'publisher']:
        record.publisher || undefined,
      volume: record.volume || undefined,
      issue: record.issue || undefined,
      page: record.pages || undefined,
      DOI: record.doi || undefined,
      PMID: record.pmid || undefined,
      PMCID: record.identifiers.pmcid,
      ISBN: record.identifiers.isbn,
      ISSN: record.identifiers.issn,
      URL: record.url || undefined,
      abstract: record.abstract || undefined,
      keyword: record.keywords.length ? joinKeywords(record.keywords) : undefined,
      custom: Object.keys(custom).length ? custom : undefined,
    };
  });
  return JSON.stringify(items, null, 2) + '\n';
}
