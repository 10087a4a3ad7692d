import { citationJs } from '../citation-js.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { sourceTypes, type SourceType } from '../tables.ts';

export type ReferenceFormat = 'ris' | 'bibtex' | 'csv';

/** One record as read from the file, before validation. */
export interface RawRecord {
  /** 1-based position in the file, for messages. */
  row: number;
  title: string;
  authors: string[];
  year: string;
  publisher: string;
  doi: string;
  url: string;
  abstract: string;
  sourceType: string;
  population: string;
  geography: string;
}

export interface ParsedFile {
  format: ReferenceFormat;
  encodingNote?: string;
  records: RawRecord[];
}

export class FileProblem extends Error {}

/** Read bytes as text: UTF-8 or UTF-16 with a byte-order mark, UTF-8, or else Windows-1252 (older Excel and EndNote). */
export function decodeText(bytes: Uint8Array): { text: string; note?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      note: 'This file is not UTF-8, so it was read as Windows-1252 (Western European). Check that accented letters look right below.',
    };
  }
}

function detectFormat(text: string, filename: string): ReferenceFormat {
  if (/^\s*TY {2}- /m.test(text)) return 'ris';
  if (/^\s*@\s*[a-z]+\s*[{(]/im.test(text)) return 'bibtex';
  if (/\.csv$/i.test(filename) || /^[^\n]*(title)[^\n]*[,;\t]/i.test(text)) return 'csv';
  throw new FileProblem(
    'This does not look like a BibTeX, RIS or CSV file. Export your references from Zotero, EndNote or Mendeley as RIS or BibTeX, or save a spreadsheet as CSV.',
  );
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}
interface CslItem {
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts'?: Array<Array<number | string>>; raw?: string; literal?: string };
  'container-title'?: string;
  publisher?: string;
  DOI?: string;
  URL?: string;
  abstract?: string;
}

const cslSourceType: Record<string, SourceType> = {
  'article-journal': 'research_study',
  article: 'research_study',
  'paper-conference': 'research_study',
  thesis: 'research_study',
  chapter: 'research_study',
  book: 'research_study',
  report: 'evaluation_report',
  legislation: 'policy_document',
  bill: 'policy_document',
  dataset: 'data_statistics',
  webpage: 'guidance',
  'post-weblog': 'practitioner_insight',
};

function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  return [name.family, name.given].filter(Boolean).join(', ');
}

function fromCsl(item: CslItem, row: number): RawRecord {
  const title = String(item.title ?? '').trim();
  const isReview = /\b(systematic review|meta-analysis|meta analysis)\b/i.test(title);
  const year = item.issued?.['date-parts']?.[0]?.[0] ?? item.issued?.raw ?? item.issued?.literal ?? '';
  return {
    row,
    title,
    authors: (item.author?.length ? item.author : (item.editor ?? [])).map(nameText).filter(Boolean),
    year: String(year).trim(),
    publisher: String(item['container-title'] ?? item.publisher ?? '').trim(),
    doi: String(item.DOI ?? '').trim(),
    url: String(item.URL ?? '').trim(),
    abstract: String(item.abstract ?? '').trim(),
    sourceType: isReview ? 'systematic_review' : (cslSourceType[item.type ?? ''] ?? 'research_study'),
    population: '',
    geography: '',
  };
}

async function parseCitations(text: string, format: 'ris' | 'bibtex'): Promise<RawRecord[]> {
  const { plugins } = await citationJs();
  let items: CslItem[];
  try {
    items = plugins.input.chain(text, { target: '@csl/list+object', forceType: format === 'ris' ? '@ris/file' : '@biblatex/text' }) as CslItem[];
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FileProblem(`The ${format === 'ris' ? 'RIS' : 'BibTeX'} file could not be read: ${detail}`);
  }
  return items.map((item, i) => fromCsl(item, i + 1));
}

// Column names people use, mapped to our fields (matched without case, spaces or punctuation).
const csvColumns: Record<string, keyof RawRecord> = {
  title: 'title',
  author: 'authors',
  authors: 'authors',
  year: 'year',
  publicationyear: 'year',
  date: 'year',
  journal: 'publisher',
  publisher: 'publisher',
  source: 'publisher',
  publicationtitle: 'publisher',
  doi: 'doi',
  url: 'url',
  link: 'url',
  abstract: 'abstract',
  abstractnote: 'abstract',
  summary: 'abstract',
  type: 'sourceType',
  sourcetype: 'sourceType',
  itemtype: 'sourceType',
  population: 'population',
  geography: 'geography',
};

const sourceTypeWords = new Map<string, SourceType>([
  ...sourceTypes.map((value) => [value.replace(/_/g, ''), value] as const),
  ['researchstudy', 'research_study'],
  ['journalarticle', 'research_study'],
  ['systematicreview', 'systematic_review'],
  ['evaluation', 'evaluation_report'],
  ['report', 'evaluation_report'],
  ['policy', 'policy_document'],
  ['data', 'data_statistics'],
  ['statistics', 'data_statistics'],
  ['practice', 'practitioner_insight'],
  ['livedexperience', 'lived_experience'],
  ['familyvoice', 'lived_experience'],
]);

export function sourceTypeFrom(value: string): SourceType | undefined {
  if (!value) return 'research_study';
  return sourceTypeWords.get(value.toLowerCase().replace(/[^a-z]/g, ''));
}

function parseCsvRecords(text: string): RawRecord[] {
  const delimiter = [',', ';', '\t'].sort((a, b) => text.split('\n')[0].split(b).length - text.split('\n')[0].split(a).length)[0];
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  } catch (error) {
    throw new FileProblem(`The CSV file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (rows.length === 0) throw new FileProblem('The CSV file is empty.');
  const header = rows[0].map((name) => csvColumns[name.toLowerCase().replace(/[^a-z]/g, '')]);
  if (!header.includes('title')) throw new FileProblem('The CSV file needs a column headed "Title" in its first row.');
  return rows.slice(1).map((cells, i) => {
    const record: RawRecord = {
      row: i + 2,
      title: '',
      authors: [],
      year: '',
      publisher: '',
      doi: '',
      url: '',
      abstract: '',
      sourceType: '',
      population: '',
      geography: '',
    };
    header.forEach((field, column) => {
      const value = (cells[column] ?? '').trim();
      if (!field || !value) return;
      if (field === 'authors')
        record.authors = value
          .split(/;|\n/)
          .map((a) => a.trim())
          .filter(Boolean);
      else if (field !== 'row') (record as unknown as Record<string, string>)[field] = value;
    });
    if (/^\d{4}-\d{2}/.test(record.year)) record.year = record.year.slice(0, 4);
    return record;
  });
}

export async function parseReferenceFile(bytes: Uint8Array, filename: string): Promise<ParsedFile> {
  if (bytes.length === 0) throw new FileProblem('The file is empty.');
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new FileProblem('This is a PDF. Import reads BibTeX, RIS or CSV files; add a PDF as an attachment to an item instead.');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new FileProblem('This looks like an Excel or Word file. Save the spreadsheet as CSV (UTF-8), or export references as RIS or BibTeX.');
  }
  const { text, note } = decodeText(bytes);
  const format = detectFormat(text, filename);
  const records = format === 'csv' ? parseCsvRecords(text) : await parseCitations(text, format);
  if (records.length === 0) throw new FileProblem(`No references were found in this ${format === 'csv' ? 'CSV' : format === 'ris' ? 'RIS' : 'BibTeX'} file.`);
  return { format, encodingNote: note, records };
}
