import { readBibtex } from './bibtex.ts';
import { readCslJson } from './csl-json.ts';
import { CsvProblem, readCsv } from './csv.ts';
import { readMedline } from './medline.ts';
import type { CitationRecord } from './record.ts';
import { readRis } from './ris.ts';

export const referenceFormats = ['ris', 'bibtex', 'medline', 'csl-json', 'csv'] as const;
export type ReferenceFormat = (typeof referenceFormats)[number];

export const referenceFormatLabels: Record<ReferenceFormat, string> = {
  ris: 'RIS',
  bibtex: 'BibTeX',
  medline: 'PubMed (MEDLINE)',
  'csl-json': 'CSL-JSON',
  csv: 'CSV',
};

export interface ReadFile {
  format: ReferenceFormat;
  encodingNote?: string;
  records: CitationRecord[];
}

/** Why a whole file cannot be read (as opposed to one record in it, which is reported and skipped). */
export class FileProblem extends Error {}

const KNOWN = 'Import reads RIS, BibTeX, PubMed (MEDLINE .nbib), CSL-JSON and CSV files';

/** Bytes as text: UTF-8 or UTF-16 with a byte-order mark, UTF-8, or else Windows-1252 (older Excel and EndNote). */
export function decodeText(bytes: Uint8Array): { text: string; note?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      note: 'This file is not UTF-8, so it was read as Windows-1252 (Western European). Check that accented letters look right below.',
    };
  }
}

/** What kind of file this is, from its signature; a name is never trusted. */
function refuseBinary(bytes: Uint8Array): void {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new FileProblem(`This is a PDF. ${KNOWN}; add a PDF to an item as an attachment instead.`);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    throw new FileProblem('This looks like an Excel or Word file. Save the spreadsheet as CSV (UTF-8), or export references as RIS or BibTeX.');
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw new FileProblem('This is an older Office file (.xls or .doc). Save the spreadsheet as CSV (UTF-8).');
}

/** Text that is mostly control characters is not a reference file, whatever it is called. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let controls = 0;
  for (const char of sample) {
    const code = char.charCodeAt(0);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0xfffd) controls += 1;
  }
  return controls > sample.length * 0.05;
}

const patterns = {
  ris: /^(\ufeff)?TY {1,2}- /m,
  bibtex: /^\s*@\s*[A-Za-z]+\s*[{(]/m,
  medline: /^(\ufeff)?PMID- ?\d/m,
};

function detectFormat(text: string): ReferenceFormat {
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  const found = (['medline', 'ris', 'bibtex'] as const).filter((format) => patterns[format].test(text));
  if (found.length > 1)
    throw new FileProblem(
      `This file holds both ${found.map((format) => referenceFormatLabels[format]).join(' and ')} records. Export the references again as one format, or split the file.`,
    );
  if (found.length === 1) return found[0];
  const firstLine = start.split('\n')[0];
  if (/[,;\t]/.test(firstLine)) return 'csv';
  throw new FileProblem(
    `This does not look like a reference file. ${KNOWN}: export your references from Zotero, EndNote, Mendeley or PubMed, or save a spreadsheet as CSV.`,
  );
}

/** Read a reference file whatever its format: each record read, or reported with its line and why not. */
export async function readReferenceFile(bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.length === 0) throw new FileProblem('The file is empty.');
  refuseBinary(bytes);
  const { text, note } = decodeText(bytes);
  if (looksBinary(text)) throw new FileProblem(`This is not a text file. ${KNOWN}.`);
  const format = detectFormat(text);
  let records: CitationRecord[];
  if (format === 'bibtex') records = await readBibtex(text);
  else if (format === 'ris') records = readRis(text);
  else if (format === 'medline') records = readMedline(text);
  else if (format === 'csl-json') {
    const read = readCslJson(text);
    if ('problem' in read) throw new FileProblem(read.problem);
    records = read;
  } else {
    try {
      records = readCsv(text);
    } catch (error) {
      if (error instanceof CsvProblem) throw new FileProblem(error.message);
      throw error;
    }
  }
  if (records.length === 0) throw new FileProblem(`No references were found in this ${referenceFormatLabels[format]} file.`);
  return { format, encodingNote: note, records };
}
