import { nameFromCsl } from './names.ts';
import { doiIn, emptyRecord, oneLine, yearIn, type CitationRecord } from './record.ts';

/** RIS reference types, as CSL types. */
const cslTypes: Record<string, string> = {
  JOUR: 'article-journal',
  JFULL: 'article-journal',
  EJOUR: 'article-journal',
  ABST: 'article-journal',
  INPR: 'article-journal',
  MGZN: 'article-magazine',
  NEWS: 'article-newspaper',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  CONF: 'paper-conference',
  CPAPER: 'paper-conference',
  THES: 'thesis',
  RPRT: 'report',
  GOVDOC: 'report',
  STAT: 'legislation',
  BILL: 'bill',
  LEGAL: 'legislation',
  CASE: 'legal_case',
  ELEC: 'webpage',
  WEB: 'webpage',
  BLOG: 'post-weblog',
  DATA: 'dataset',
  DBASE: 'dataset',
  COMP: 'software',
  PAT: 'patent',
  UNPB: 'manuscript',
  MANSCPT: 'manuscript',
  GEN: 'document',
};

const risTypes: Record<string, string> = {
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  book: 'BOOK',
  chapter: 'CHAP',
  'paper-conference': 'CONF',
  thesis: 'THES',
  report: 'RPRT',
  legislation: 'STAT',
  bill: 'BILL',
  legal_case: 'CASE',
  webpage: 'ELEC',
  'post-weblog': 'BLOG',
  dataset: 'DATA',
  software: 'COMP',
  patent: 'PAT',
  manuscript: 'UNPB',
};

/** Tags that can repeat, where an untagged line that follows (as EndNote writes them) is one more value, not more text. */
const listTags = new Set(['AU', 'A1', 'A2', 'A3', 'A4', 'KW', 'UR', 'L1', 'L2', 'L3', 'L4', 'LK', 'AD', 'SN', 'N1']);
const tagLine = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;
/** Bridgework's own fields ride in one note as JSON, which every reference manager keeps and shows. */
const OWN_NOTE = 'Bridgework: ';

interface RisEntry {
  line: number;
  tags: Map<string, string[]>;
}

/** The records of a RIS file as tag → values, each from its TY line to its ER line. */
function risEntries(text: string): RisEntry[] {
  const entries: RisEntry[] = [];
  let current: RisEntry | undefined;
  let lastTag = '';
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(/^\ufeff/, '');
    const tagged = tagLine.exec(line.trimEnd());
    if (tagged) {
      const [, tag, value = ''] = tagged;
      if (tag === 'TY') {
        current = { line: index + 1, tags: new Map() };
        entries.push(current);
      }
      if (!current) return;
      if (tag === 'ER') {
        current = undefined;
        return;
      }
      current.tags.set(tag, [...(current.tags.get(tag) ?? []), value.trim()]);
      lastTag = tag;
      return;
    }
    if (!current || !lastTag) return;
    const values = current.tags.get(lastTag)!;
    if (listTags.has(lastTag)) {
      if (line.trim()) values.push(line.trim());
    }
    // A blank line inside a text value is a paragraph break.
    else if (line.trim() === '') values[values.length - 1] += '\n';
    // A wrapped line of text: kept on a new line, never joined mid-word with a space.
    else values[values.length - 1] = `${values[values.length - 1]}\n${line.trim()}`;
  });
  return entries;
}

/** "Family, Given" from RIS names ("Smith, John", "Smith, J.", "Smith,John,Jr."). */
function risName(value: string): string {
  const [family, given = '', ...rest] = value.split(',').map((part) => part.trim());
  return nameFromCsl({ family, given, suffix: rest.join(', ') });
}

function toRecord(entry: RisEntry, number: number): CitationRecord {
  const all = (...tags: string[]) => tags.flatMap((tag) => entry.tags.get(tag) ?? []).filter((value) => value !== '');
  const first = (...tags: string[]) => all(...tags)[0] ?? '';
  const record = emptyRecord(number, entry.line);
  const risType = first('TY').toUpperCase();
  record.type = cslTypes[risType] ?? 'document';
  const isBook = record.type === 'book';
  record.title = oneLine(first('TI', 'T1', 'CT') || (isBook ? first('BT') : ''));
  record.translatedTitle = oneLine(first('TT'));
  const authors = all('AU', 'A1');
  record.authors = (authors.length ? authors : all('A2', 'A3', 'A4')).map(risName).filter(Boolean);
  // PY and Y1 are the year; DA and Y2 (often only a month or a day, "Dec" or "10") fill a missing one.
  record.year = yearIn(first('PY')) || yearIn(first('Y1')) || yearIn(first('DA')) || yearIn(first('Y2')) || first('PY', 'Y1');
  record.publisher = oneLine(first('T2', 'JF', 'JO', ...(isBook ? [] : ['BT']), 'JA', 'J2', 'J1', 'T3') || first('PB'));
  record.volume = first('VL');
  record.issue = first('IS', 'CP');
  const start = first('SP');
  const end = first('EP');
  record.pages = end && !start.includes('-') ? `${start}-${end}` : start;
  const urls = all('UR', 'L1', 'L2', 'L3', 'L4', 'LK')
    .flatMap((value) => value.split(/[\s;]+/))
    .filter((url) => /^https?:\/\//i.test(url));
  record.url = urls[0] ?? '';
  record.links = [...new Set(urls.slice(1))].filter((url) => url !== record.url);
  record.doi = doiIn(first('DO')) || doiIn(first('DI')) || urls.map(doiIn).find(Boolean) || all('N1', 'M3').map(doiIn).find(Boolean) || '';
  const fromPubMed = /nlm|pubmed|medline/i.test(all('DP', 'DB').join(' '));
  // AN is the accession number; Web of Science and Scopus numbers also turn up in M1.
  const accession = first('AN') || all('M1').find((value) => /^(WOS:|2-s2\.0-)/.test(value)) || '';
  if (accession && fromPubMed && /^\d{1,9}$/.test(accession)) record.pmid = accession;
  else if (accession) record.identifiers.accession = accession;
  const pmcid = all('C2', 'C7', 'M2').find((value) => /^PMC\d+$/.test(value));
  if (pmcid) record.identifiers.pmcid = pmcid;
  const serial = first('SN').replace(/\s*\(.*\)$/, '');
  if (serial) record.identifiers[isBook || record.type === 'chapter' ? 'isbn' : 'issn'] = serial;
  record.abstract = first('AB', 'N2').trim();
  record.keywords = all('KW')
    .flatMap((value) => value.split(/\s*;\s*/))
    .map((keyword) => keyword.trim())
    .filter(Boolean);
  const ownNote = all('N1').find((note) => note.startsWith(OWN_NOTE));
  if (ownNote) {
    try {
      const own = JSON.parse(ownNote.slice(OWN_NOTE.length)) as { type?: string } & CitationRecord['own'];
      const { type, ...fields } = own;
      record.own = fields;
      record.sourceType = typeof type === 'string' ? type : '';
    } catch {
      // A note edited by hand is an ordinary note.
    }
  }
  return record;
}

/** Read a RIS file record by record: every TY … ER block is one reference. */
export function readRis(text: string): CitationRecord[] {
  return risEntries(text).map((entry, i) => toRecord(entry, i + 1));
}

/** Make a value safe for one RIS line: line breaks become separate lines only where the tag allows it. */
const flat = (value: string) => value.replace(/\r?\n/g, ' ').trim();

/** RIS as EndNote, Zotero and Mendeley read it: CRLF line endings, one value per tag line, nothing wrapped. */
export function writeRis(records: CitationRecord[]): string {
  const lines: string[] = [];
  const put = (tag: string, value: string | undefined) => {
    if (value) lines.push(`${tag}  - ${value}`);
  };
  for (const record of records) {
    put('TY', risTypes[record.type] ?? 'GEN');
    put('TI', flat(record.title));
    put('TT', flat(record.translatedTitle));
    // Authors are already "Family, Given, Suffix", as RIS writes them; an organisation is its name.
    for (const author of record.authors) put('AU', author);
    put('PY', record.year);
    put(record.type === 'article-journal' || record.type === 'chapter' || record.type === 'paper-conference' ? 'T2' : 'PB', flat(record.publisher));
    put('VL', flat(record.volume));
    put('IS', flat(record.issue));
    const [start, end] = record.pages.split(/-(.*)/s);
    put('SP', flat(start ?? ''));
    put('EP', flat(end ?? ''));
    put('DO', record.doi);
    if (record.pmid) {
      put('AN', record.pmid);
      put('DB', 'PubMed');
    } else put('AN', record.identifiers.accession);
    put('SN', record.identifiers.isbn ?? record.identifiers.issn);
    put('C2', record.identifiers.pmcid);
    put('UR', record.url);
    for (const link of record.links) put('UR', link);
    // An abstract's paragraphs are kept as continuation lines, which RIS readers join back with line breaks.
    put('AB', record.abstract.replace(/\r?\n/g, '\r\n'));
    for (const keyword of record.keywords) put('KW', flat(keyword));
    const { own, sourceType } = record;
    if (sourceType || Object.keys(own).length) put('N1', OWN_NOTE + JSON.stringify({ type: sourceType || undefined, ...own }));
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}
