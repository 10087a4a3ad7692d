/**
 * One reference as a file describes it, in the same shape whatever the
 * format: readers produce these, writers take them, and the import checks
 * them before anything is saved. Text is plain (no LaTeX, no markup).
 */
export interface CitationRecord {
  /** 1-based position among the file's records, and the line it starts on. */
  record: number;
  line: number;
  /** Why the record could not be read at all; the rest is then empty. */
  problem?: string;
  /** The CSL type ("article-journal", "chapter", "report"…), or '' when the file does not say. */
  type: string;
  /** Bridgework's kind of source, when the file names one (our own exports, a spreadsheet's Type column). */
  sourceType: string;
  title: string;
  translatedTitle: string;
  /** "Family, Given" (see names.ts). */
  authors: string[];
  year: string;
  /** The journal, book or series it appeared in, else its publisher or issuing body. */
  publisher: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string;
  pmid: string;
  /** Other identifiers: isbn, issn, pmcid, accession (Web of Science, Scopus or a database's own number). */
  identifiers: Record<string, string>;
  url: string;
  /** Further web addresses (RIS L1–L4, a second UR, PubMed Central). */
  links: string[];
  abstract: string;
  keywords: string[];
  /** Bridgework's own fields, when the file carries them (our own exports). */
  own: OwnFields;
}

/** What Bridgework adds to a reference: the plain-English reading, the appraisal and the topics (by name). */
export interface OwnFields {
  summary?: string;
  policyImplications?: string;
  population?: string;
  geography?: string;
  strength?: string;
  studyDesign?: string;
  sample?: string;
  riskOfBias?: string;
  strengthRationale?: string;
  sitesCount?: number;
  evaluated?: boolean;
  voicesCount?: number;
  gatheringMethod?: string;
  topics?: string[];
}

export function emptyRecord(record: number, line: number): CitationRecord {
  return {
    record,
    line,
    type: '',
    sourceType: '',
    title: '',
    translatedTitle: '',
    authors: [],
    year: '',
    publisher: '',
    volume: '',
    issue: '',
    pages: '',
    doi: '',
    pmid: '',
    identifiers: {},
    url: '',
    links: [],
    abstract: '',
    keywords: [],
    own: {},
  };
}

export function unreadable(record: number, line: number, problem: string): CitationRecord {
  return { ...emptyRecord(record, line), problem };
}

/** Pull DOIs out of text that holds one among other things (a URL, a note): "https://doi.org/10.1/x", "doi: 10.1/x". */
export function doiIn(text: string): string {
  const match = /\b(10\.\d{4,9}\/[^\s"<>]+)/.exec(decodeURIComponentSafe(text));
  return match ? match[1].replace(/[.,;)\]]+$/, '') : '';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The first four-digit year in a date as files write it ("2019", "2019/03/27", "2019 Mar 27", "Spring 2019"). */
export function yearIn(text: string): string {
  const match = /\b(1[5-9]\d\d|20\d\d)\b/.exec(text);
  return match ? match[1] : '';
}

/** Collapse runs of spaces and line breaks, for fields that are one line (titles, journals). */
export const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Keywords from one field: separated by semicolons when there are any (so a keyword may hold a comma, as MeSH terms do), else by commas. */
export function splitKeywords(value: string): string[] {
  return value
    .split(value.includes(';') ? ';' : ',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}

/** Keywords as one field that splitKeywords reads back the same: a lone keyword with a comma gets a closing semicolon. */
export function joinKeywords(keywords: string[]): string {
  const joined = keywords.join('; ');
  return keywords.length === 1 && joined.includes(',') ? `${joined};` : joined;
}
