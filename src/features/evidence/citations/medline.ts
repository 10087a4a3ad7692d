import { nameToCsl } from './names.ts';
import { emptyRecord, oneLine, yearIn, type CitationRecord } from './record.ts';

/**
 * PubMed's MEDLINE format (.nbib, or .txt from "Send to: Citation manager"):
 * a tag padded to four characters, "- ", the value, and continuation lines
 * indented by six spaces; a blank line between records.
 */
const tagLine = /^([A-Z][A-Z0-9]{0,3}) *- (.*)$/;
const OWN_NOTE = 'Bridgework: ';

interface MedlineEntry {
  line: number;
  fields: Array<[string, string]>;
}

function medlineEntries(text: string): MedlineEntry[] {
  const entries: MedlineEntry[] = [];
  let current: MedlineEntry | undefined;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(/^\ufeff/, '');
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    const tagged = tagLine.exec(line);
    if (tagged && !line.startsWith(' ')) {
      if (!current || tagged[1] === 'PMID') {
        current = { line: index + 1, fields: [] };
        entries.push(current);
      }
      current.fields.push([tagged[1], tagged[2].trim()]);
    } else if (current?.fields.length) {
      // Continuation lines wrap on word boundaries, so they join with a space.
      const last = current.fields[current.fields.length - 1];
      last[1] = `${last[1]} ${line.trim()}`;
    }
  });
  return entries.filter((entry) => entry.fields.some(([tag]) => tag === 'PMID' || tag === 'TI'));
}

/** "Smith JA" (the AU form) as "Smith, JA"; FAU is already "Smith, John A". */
function shortName(value: string): string {
  const match = /^(.+?) ([A-Z]{1,4})$/.exec(value);
  return match ? `${match[1]}, ${match[2]}` : value;
}

function toRecord(entry: MedlineEntry, number: number): CitationRecord {
  const all = (tag: string) => entry.fields.filter(([name, value]) => name === tag && value !== '').map(([, value]) => value);
  const first = (...tags: string[]) => tags.map((tag) => all(tag)[0]).find(Boolean) ?? '';
  const record = emptyRecord(number, entry.line);
  const types = all('PT');
  record.type = first('BTI') && !first('JT') ? 'book' : 'article-journal';
  if (types.some((type) => /^(systematic review|meta-analysis)$/i.test(type))) record.sourceType = 'systematic_review';
  record.title = oneLine(first('TI', 'BTI'));
  record.translatedTitle = oneLine(first('TT'));
  // Full names where given, else the short form; corporate authors (CN) in their place.
  const names = entry.fields.filter(([tag]) => tag === 'FAU' || tag === 'AU' || tag === 'CN');
  const hasFull = names.some(([tag]) => tag === 'FAU');
  record.authors = names
    .filter(([tag]) => tag === 'CN' || tag === (hasFull ? 'FAU' : 'AU'))
    .map(([tag, value]) => (tag === 'AU' ? shortName(value) : value.trim()))
    .filter(Boolean);
  record.year = yearIn(first('DP', 'DEP', 'EDAT')) || first('DP');
  record.publisher = oneLine(first('JT', 'TA', 'PB'));
  record.volume = first('VI');
  record.issue = first('IP');
  record.pages = first('PG');
  const ids = [...all('LID'), ...all('AID')];
  record.doi = ids.find((id) => id.endsWith('[doi]'))?.replace(/\s*\[doi\]$/, '') ?? '';
  record.pmid = first('PMID');
  const pmcid = first('PMC');
  if (pmcid) record.identifiers.pmcid = pmcid;
  const issn = first('IS').replace(/\s*\(.*\)$/, '');
  if (issn) record.identifiers.issn = issn;
  const isbn = first('ISBN');
  if (isbn) record.identifiers.isbn = isbn;
  record.abstract = first('AB');
  record.keywords = [...new Set([...all('OT'), ...all('MH')])];
  if (record.pmid) record.url = `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`;
  const ownNote = all('GN').find((note) => note.startsWith(OWN_NOTE));
  if (ownNote) {
    try {
      const { type, ...fields } = JSON.parse(ownNote.slice(OWN_NOTE.length)) as { type?: string } & CitationRecord['own'];
      record.own = fields;
      if (typeof type === 'string') record.sourceType = type;
    } catch {
      // An ordinary note.
    }
  }
  return record;
}

export function readMedline(text: string): CitationRecord[] {
  return medlineEntries(text).map((entry, i) => toRecord(entry, i + 1));
}

/** MEDLINE as PubMed writes it, without wrapping, for tools that read .nbib. */
export function writeMedline(records: CitationRecord[]): string {
  return records
    .map((record) => {
      const lines: string[] = [];
      const put = (tag: string, value: string | undefined) => {
        if (value) lines.push(`${tag.padEnd(4)}- ${value.replace(/\s*\r?\n\s*/g, ' ')}`);
      };
      put('PMID', record.pmid);
      put('TI', record.title);
      put('TT', record.translatedTitle);
      put('AB', record.abstract);
      for (const author of record.authors) {
        const name = nameToCsl(author);
        if (name.literal) put('CN', name.literal);
        else put('FAU', author);
      }
      put('DP', record.year);
      put('JT', record.publisher);
      put('VI', record.volume);
      put('IP', record.issue);
      put('PG', record.pages);
      if (record.doi) put('LID', `${record.doi} [doi]`);
      put('PMC', record.identifiers.pmcid);
      put('IS', record.identifiers.issn);
      put('ISBN', record.identifiers.isbn);
      for (const keyword of record.keywords) put('OT', keyword);
      put('PT', record.sourceType === 'systematic_review' ? 'Systematic Review' : 'Journal Article');
      if (record.sourceType || Object.keys(record.own).length) put('GN', OWN_NOTE + JSON.stringify({ type: record.sourceType || undefined, ...record.own }));
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
