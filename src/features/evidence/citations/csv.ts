import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ownFromFields, ownToFields } from './own-fields.ts';
import { emptyRecord, yearIn, type CitationRecord } from './record.ts';

/** Column headings people use, reduced to letters, mapped to what they hold. */
const columns: Record<string, string> = {
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
  sourcetitle: 'publisher',
  volume: 'volume',
  issue: 'issue',
  number: 'issue',
  pages: 'pages',
  doi: 'doi',
  pmid: 'pmid',
  pubmedid: 'pmid',
  url: 'url',
  link: 'url',
  otherlinks: 'links',
  abstract: 'abstract',
  abstractnote: 'abstract',
  keywords: 'keywords',
  authorkeywords: 'keywords',
  manualtags: 'keywords',
  type: 'sourceType',
  sourcetype: 'sourceType',
  itemtype: 'sourceType',
  citationtype: 'type',
  isbn: 'isbn',
  issn: 'issn',
  translatedtitle: 'translatedTitle',
  // Bridgework's own columns, as its CSV export heads them.
  summary: 'own:summary',
  whatthismeansforpolicy: 'own:policy-implications',
  population: 'own:population',
  geography: 'own:geography',
  strength: 'own:strength',
  studydesign: 'own:study-design',
  sample: 'own:sample',
  riskofbias: 'own:risk-of-bias',
  strengthrationale: 'own:strength-rationale',
  sitescount: 'own:sites-count',
  evaluated: 'own:evaluated',
  voicescount: 'own:voices-count',
  gatheringmethod: 'own:gathering-method',
  topics: 'own:topics',
};

const list = (value: string) =>
  value
    .split(/;|\n/)
    .map((part) => part.trim())
    .filter(Boolean);

export class CsvProblem extends Error {}

/** A spreadsheet saved as CSV: one reference a row, a heading row naming at least the title column. */
export function readCsv(text: string): CitationRecord[] {
  const firstLine = text.split('\n')[0];
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true, info: false });
  } catch (error) {
    throw new CsvProblem(`The CSV file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (rows.length === 0) throw new CsvProblem('The CSV file is empty.');
  const header = rows[0].map((name) => columns[name.toLowerCase().replace(/[^a-z]/g, '')]);
  if (!header.includes('title')) throw new CsvProblem('The CSV file needs a column headed "Title" in its first row.');
  return rows.slice(1).map((cells, i) => {
    const record = emptyRecord(i + 1, i + 2);
    const own = new Map<string, string>();
    header.forEach((field, column) => {
      const value = (cells[column] ?? '').trim();
      if (!field || !value) return;
      if (field.startsWith('own:')) own.set(field.slice(4), value);
      else if (field === 'authors') record.authors = list(value);
      else if (field === 'keywords') record.keywords = list(value);
      else if (field === 'links') record.links = list(value);
      else if (field === 'year') record.year = yearIn(value) || value;
      else if (field === 'isbn' || field === 'issn') record.identifiers[field] = value;
      else if (field === 'title' || field === 'translatedTitle' || field === 'publisher' || field === 'abstract') record[field] = value;
      else if (field === 'volume' || field === 'issue' || field === 'pages' || field === 'doi' || field === 'pmid' || field === 'url') record[field] = value;
      else if (field === 'type' || field === 'sourceType') record[field] = value;
    });
    const read = ownFromFields((name) => own.get(name));
    record.own = read.fields;
    return record;
  });
}

/** CSV for spreadsheets: a byte-order mark so Excel reads UTF-8, and a formula-looking cell made inert (OWASP). */
export function writeCsv(records: CitationRecord[], labels: { sourceType: (value: string) => string; strength: (value: string) => string }): string {
  const rows = records.map((record) => {
    const own = Object.fromEntries(ownToFields(record));
    return {
      Title: record.title,
      Authors: record.authors.join('; '),
      Year: record.year,
      Journal: record.publisher,
      Volume: record.volume,
      Issue: record.issue,
      Pages: record.pages,
      DOI: record.doi,
      PMID: record.pmid,
      ISBN: record.identifiers.isbn ?? '',
      ISSN: record.identifiers.issn ?? '',
      URL: record.url,
      'Other links': record.links.join('; '),
      Type: record.sourceType ? labels.sourceType(record.sourceType) : '',
      'Citation type': record.type,
      Keywords: record.keywords.join('; '),
      'Translated title': record.translatedTitle,
      Abstract: record.abstract,
      Summary: own.summary ?? '',
      'What this means for policy': own['policy-implications'] ?? '',
      Population: own.population ?? '',
      Geography: own.geography ?? '',
      Strength: own.strength ? labels.strength(own.strength) : '',
      'Study design': own['study-design'] ?? '',
      Sample: own.sample ?? '',
      'Risk of bias': own['risk-of-bias'] ?? '',
      'Strength rationale': own['strength-rationale'] ?? '',
      'Sites count': own['sites-count'] ?? '',
      Evaluated: own.evaluated ?? '',
      'Voices count': own['voices-count'] ?? '',
      'Gathering method': own['gathering-method'] ?? '',
      Topics: own.topics ?? '',
    };
  });
  const header = Object.keys(rows[0] ?? { Title: '' });
  return '\ufeff' + stringify(rows, { header: true, columns: header, escape_formulas: true });
}
