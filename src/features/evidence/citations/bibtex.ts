import type { BibName } from '@citation-js/plugin-bibtex/lib/input/value.js';
import { bibtexGrammars } from './citation-js.ts';
import { nameFromCsl, nameToCsl } from './names.ts';
import { ownFromFields, ownToFields } from './own-fields.ts';
import { doiIn, emptyRecord, oneLine, unreadable, yearIn, type CitationRecord } from './record.ts';

/** BibTeX and BibLaTeX entry types, as CSL types. */
const cslTypes: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  booklet: 'book',
  collection: 'book',
  proceedings: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  manual: 'report',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  dataset: 'dataset',
  software: 'software',
  patent: 'patent',
  unpublished: 'manuscript',
  legislation: 'legislation',
  jurisdiction: 'legal_case',
  misc: 'document',
};

/** CSL types written back as the nearest BibTeX type every tool reads. */
const bibtexTypes: Record<string, string> = {
  'article-journal': 'article',
  article: 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  book: 'book',
  chapter: 'incollection',
  'paper-conference': 'inproceedings',
  thesis: 'phdthesis',
  report: 'techreport',
  webpage: 'online',
  dataset: 'dataset',
  software: 'software',
  patent: 'patent',
  manuscript: 'unpublished',
};

/** Fields whose value is taken as written (addresses and identifiers), not as LaTeX. */
const verbatimFields = new Set(['url', 'doi', 'eprint', 'file', 'pdf']);
/** Keyword fields (Scopus adds author_keywords), split where BibLaTeX separates them. */
const keywordFields = new Set(['keywords', 'author_keywords', 'author-keywords']);
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** A list field's items: split at commas and semicolons outside braces, so a braced keyword ("{Child, Preschool}") stays whole. */
function splitTopLevel(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '{') depth += 1;
    if (char === '}') depth = Math.max(0, depth - 1);
    if ((char === ',' || char === ';') && depth === 0) {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter(Boolean);
}

const skipped = /^\s*@\s*(comment|preamble)\b/i;
const stringDefinition = /^\s*@\s*string\b/i;

/** Where each entry starts: a line beginning with "@", so one broken entry ends where the next begins. */
function splitEntries(text: string): Array<{ chunk: string; line: number }> {
  const chunks: Array<{ chunk: string; line: number }> = [];
  const starts = [...text.matchAll(/^[ \t]*@/gm)].map((match) => match.index);
  starts.forEach((start, i) => {
    const line = text.slice(0, start).split('\n').length;
    chunks.push({ chunk: text.slice(start, starts[i + 1] ?? text.length), line });
  });
  return chunks;
}

/** Repairs for what real exports get wrong, tried only on an entry the grammar refused. */
function repaired(chunk: string): string {
  return (
    chunk
      // Scopus writes field names with spaces, even non-breaking ones ("funding_text 1 = {…}").
      .replace(
        /(^|,)(\s*)([A-Za-z][\w.:-]*(?:[^\S\r\n]+[\w.:-]+)+)(\s*=)/gm,
        (_, before, space, name: string, equals) => before + space + name.replace(/[^\S\r\n]+/g, '_') + equals,
      )
      // EndNote writes entries without a citation key ("@article{," or "@article{ author = …").
      .replace(/^(\s*@\s*\w+\s*[{(])\s*(,|(?=[\w-]+\s*=))/, '$1entry,')
  );
}

/** Text from the field grammar, without the HTML-like markup it adds for italics and case protection. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) ? value.map(asText).join(' ') : '');

function plain(value: unknown): string {
  const text = asText(value);
  return text
    .replace(/<\/?(i|b|sup|sub|sc|span)\b[^>]*>/g, '')
    .replace(/\\par\b ?/g, '\n') // paragraphs, as our own export writes them
    .replace(/\\-|\u00ad/g, '') // soft hyphens
    .replace(/\\[A-Za-z]+\*?/g, '') // a command the grammar did not know leaves its argument
    .replace(/\uE000/g, '\\')
    .trim();
}

/** A URL or DOI as written, with LaTeX's escapes of its special characters undone. */
function verbatim(value: string): string {
  return value
    .replace(/^\{([\s\S]*)\}$/, '$1')
    .replace(/\\([_%&#$~])/g, '$1')
    .trim();
}

function bibName(name: BibName): string {
  // The grammar reads a first name that starts with an accent command ("\'{O}scar Peña") as a particle.
  if (name.prefix && !name.given && /^\p{Lu}/u.test(name.prefix)) return nameFromCsl({ family: name.family, given: name.prefix, suffix: name.suffix });
  return nameFromCsl({ family: name.family, given: name.given, 'non-dropping-particle': name.prefix, suffix: name.suffix, literal: name.literal });
}

type Decoded = Record<string, unknown>;

function toRecord(type: string, fields: Decoded, record: number, line: number): CitationRecord {
  const text = (name: string) => plain(fields[name]);
  const result = emptyRecord(record, line);
  // Our own export names the CSL type where no BibTeX type says it (legislation, a blog post).
  result.type = text('bridgework-citation-type') || (cslTypes[type.toLowerCase()] ?? 'document');
  result.title = oneLine(text('title'));
  const names = (fields.author ?? fields.editor) as BibName[] | undefined;
  result.authors = Array.isArray(names) ? names.map(bibName).filter(Boolean) : [];
  result.year = yearIn(text('year')) || yearIn(text('date')) || text('year');
  // Publisher, institution and organisation are lists in BibLaTeX ("Routledge and Kegan Paul"): their parts are joined back with "and".
  const joined = (name: string) => (Array.isArray(fields[name]) ? asList(fields[name]).map(plain).join(' and ') : text(name));
  result.publisher = oneLine(['journal', 'journaltitle', 'booktitle', 'publisher', 'institution', 'school', 'organization'].map(joined).find(Boolean) ?? '');
  result.volume = text('volume');
  result.issue = text('number') || text('issue');
  result.pages = text('pages').replace(/[–—]/g, '-');
  const urls = asText(fields.url)
    .split(/\s+/)
    .filter((url) => /^https?:\/\//i.test(url));
  result.url = urls[0] ?? '';
  result.links = urls.slice(1);
  result.doi = asText(fields.doi) || doiIn(result.url) || doiIn(text('note'));
  result.pmid = text('pmid') || (/pubmed/i.test(text('eprinttype')) ? asText(fields.eprint) : '');
  for (const name of ['isbn', 'issn', 'pmcid']) if (text(name)) result.identifiers[name] = text(name);
  const accession = text('unique-id') || text('accession-number');
  if (accession) result.identifiers.accession = accession;
  result.abstract = text('abstract');
  const keywords = [...asList(fields.keywords), ...asList(fields.author_keywords), ...asList(fields['author-keywords'])];
  result.keywords = [...new Set(keywords.map(plain).filter(Boolean))];
  result.translatedTitle = oneLine(text('titleaddon-translated') || text('translatedtitle'));
  const own = ownFromFields((name) => (fields[`bridgework-${name}`] === undefined ? undefined : text(`bridgework-${name}`)));
  result.own = own.fields;
  result.sourceType = own.sourceType;
  return result;
}

/**
 * Read a BibTeX or BibLaTeX file entry by entry: an entry the grammar cannot
 * read (after the usual repairs) is reported with its line, and every other
 * entry is read. `@string` macros apply to the entries after them.
 */
export async function readBibtex(text: string): Promise<CitationRecord[]> {
  const { parseEntries, parseValue } = await bibtexGrammars();
  const records: CitationRecord[] = [];
  let strings = '';
  // A backslash written as \textbackslash is held in a private character while unknown commands are removed.
  const prepared = text.replace(/\{\\d\}/g, '{\\dh}').replace(/\\textbackslash(\{\}|\s?)/g, '\uE000');
  for (const { chunk, line } of splitEntries(prepared)) {
    if (skipped.test(chunk)) continue;
    if (stringDefinition.test(chunk)) {
      strings += chunk.replace(/\n*$/, '\n');
      continue;
    }
    const number = records.length + 1;
    // Macros are passed along only to an entry that uses one (a value that is a bare word).
    const withStrings = (entry: string) => (strings && /=\s*[A-Za-z]/.test(entry) ? strings + entry : entry);
    let entries;
    try {
      entries = parseEntries(withStrings(chunk));
    } catch {
      try {
        entries = parseEntries(withStrings(repaired(chunk)));
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0].replace(/ at line \d+ col \d+.*$/, '') : String(error);
        records.push(unreadable(number, line, `This entry could not be read (${reason}); check its braces and quotation marks.`));
        continue;
      }
    }
    const entry = entries[entries.length - 1];
    if (!entry) {
      records.push(unreadable(number, line, 'This entry is empty.'));
      continue;
    }
    const fields: Decoded = {};
    for (const [name, raw] of Object.entries(entry.properties)) {
      const key = name.toLowerCase();
      try {
        if (verbatimFields.has(key)) fields[key] = verbatim(String(raw));
        else if (keywordFields.has(key)) fields[key] = splitTopLevel(String(raw)).map((keyword) => parseValue(keyword, 'note'));
        else fields[key] = parseValue(String(raw), key);
      } catch {
        fields[key] = String(raw).replace(/[{}]/g, '');
      }
    }
    records.push(toRecord(entry.type, fields, number, line));
  }
  return records;
}

/** Text in a BibTeX field: LaTeX's special characters escaped so it reads back exactly as it was. */
function escapeText(value: string): string {
  return value
    .replace(/[\\{}]/g, (char) => (char === '\\' ? '\\textbackslash{}' : `\\${char}`))
    .replace(/[%&#$_]/g, '\\$&')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/--/g, '-{}-')
    .replace(/``/g, '`{}`')
    .replace(/''/g, "'{}'")
    .replace(/\r?\n/g, '\\par ');
}

function escapeVerbatim(value: string): string {
  return value.replace(/[{}\\%]/g, (char) => `\\${char}`);
}

function citationKey(record: CitationRecord, used: Set<string>): string {
  const family = (record.authors[0] ?? record.title)
    .split(',')[0]
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '');
  const base = `${family.slice(0, 20) || 'item'}${record.year}`;
  let key = base;
  for (let n = 1; used.has(key); n += 1) key = `${base}${String.fromCharCode(96 + ((n - 1) % 26) + 1)}${n > 26 ? n : ''}`;
  used.add(key);
  return key;
}

/** BibTeX for reference managers and LaTeX, in UTF-8, one field per line, nothing wrapped. */
export function writeBibtex(records: CitationRecord[]): string {
  const used = new Set<string>();
  return records
    .map((record) => {
      const type = bibtexTypes[record.type] ?? 'misc';
      const container = type === 'article' ? 'journal' : type === 'incollection' || type === 'inproceedings' ? 'booktitle' : 'publisher';
      const fields: Array<[string, string]> = [
        ['title', escapeText(record.title)],
        ['author', record.authors.map((author) => formatBibName(author)).join(' and ')],
        ['year', record.year],
        // A publisher is a list in BibLaTeX; braces keep "Department of Health and Social Care" one name.
        [container, container === 'publisher' && record.publisher ? `{${escapeText(record.publisher)}}` : escapeText(record.publisher)],
        ['volume', escapeText(record.volume)],
        ['number', escapeText(record.issue)],
        ['pages', escapeText(record.pages).replace(/-(?!\{)/g, '--')],
        ['doi', escapeVerbatim(record.doi)],
        ['pmid', escapeText(record.pmid)],
        ...Object.entries(record.identifiers).map(([name, value]): [string, string] => [name === 'accession' ? 'unique-id' : name, escapeText(value)]),
        ['url', escapeVerbatim([record.url, ...record.links].filter(Boolean).join(' '))],
        ['abstract', escapeText(record.abstract)],
        ['keywords', record.keywords.map((keyword) => (/[,;]/.test(keyword) ? `{${escapeText(keyword)}}` : escapeText(keyword))).join(', ')],
        ['translatedtitle', escapeText(record.translatedTitle)],
        ['bridgework-citation-type', cslTypes[type] === record.type ? '' : escapeText(record.type)],
        ...ownToFields(record).map(([name, value]): [string, string] => [`bridgework-${name}`, escapeText(value)]),
      ];
      const body = fields
        .filter(([, value]) => value !== '')
        .map(([name, value]) => `  ${name} = {${value}}`)
        .join(',\n');
      return `@${type}{${citationKey(record, used)},\n${body}\n}\n`;
    })
    .join('\n');
}

/** "Family, Given, Suffix" in BibTeX's order ("Family, Suffix, Given"); an organisation in braces so it is not split. */
function formatBibName(author: string): string {
  const name = nameToCsl(author);
  if (name.literal) return `{${escapeText(name.literal)}}`;
  const family = escapeText([name['non-dropping-particle'], name.family].filter(Boolean).join(' '));
  const given = escapeText(name.given ?? '');
  return name.suffix ? `${family}, ${escapeText(name.suffix)}, ${given}` : `${family}, ${given}`;
}
