import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import type { CitationRecord } from '../citations/record.ts';
import { evidenceItems, type ImportPreviewRow, type MatchedItem } from '../tables.ts';
import { titleKey } from '../title-key.ts';
import { checkRecord } from './check-record.ts';

/** What two references are compared on. */
interface Fingerprint {
  doi: string | null;
  pmid: string | null;
  /** The title as written, without case, spacing or a closing full stop. */
  exact: string;
  /** The title reduced further (accents, punctuation, subtitle separators, a leading "The"): near-identical titles share it. */
  key: string;
  year: number | null;
  firstAuthor: string;
}

const familyOf = (authors: string[]) => titleKey(authors[0]?.split(',')[0] ?? '');
const exactTitle = (title: string) =>
  title
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.]+$/, '')
    .trim();

function fingerprint(item: { doi: string | null; pmid?: string | null; title: string; year: number | null; authors: string[] }): Fingerprint {
  return {
    doi: item.doi,
    pmid: item.pmid ?? null,
    exact: exactTitle(item.title),
    key: titleKey(item.title),
    year: item.year,
    firstAuthor: familyOf(item.authors),
  };
}

interface Sameness {
  reason: string;
  /** A certain duplicate, or only a possible one for the person importing to judge. */
  certain: boolean;
}

/**
 * Whether two references are the same work: certainly, with a shared DOI or
 * PubMed ID, or the same title, year and first author (where both give them);
 * possibly, with a near-identical title. Different DOIs are different works.
 */
function sameWork(a: Fingerprint, b: Fingerprint): Sameness | undefined {
  if (a.doi && b.doi) return a.doi === b.doi ? { reason: 'the same DOI', certain: true } : undefined;
  if (a.pmid && b.pmid) return a.pmid === b.pmid ? { reason: 'the same PubMed ID', certain: true } : undefined;
  if (!a.key || a.key !== b.key) return undefined;
  const agree = <T>(x: T | null | '', y: T | null | '') => !x || !y || x === y;
  const sameDetails = agree(a.year, b.year) && agree(a.firstAuthor, b.firstAuthor);
  if (a.exact === b.exact && sameDetails) return { reason: 'the same title, year and first author', certain: true };
  return { reason: sameDetails ? 'a near-identical title' : 'the same title but a different year or first author', certain: false };
}

type Existing = Fingerprint & { match: MatchedItem };

async function findExisting(db: Executor, workspaceId: string, prints: Fingerprint[]): Promise<Existing[]> {
  const dois = [...new Set(prints.map((print) => print.doi).filter((doi): doi is string => Boolean(doi)))];
  const pmids = [...new Set(prints.map((print) => print.pmid).filter((pmid): pmid is string => Boolean(pmid)))];
  const keys = [...new Set(prints.map((print) => print.key).filter(Boolean))];
  const found = new Map<string, Existing>();
  for (let i = 0; i < Math.max(dois.length, pmids.length, keys.length); i += 1000) {
    const matches = [];
    if (dois.length > i) matches.push(inArray(evidenceItems.doi, dois.slice(i, i + 1000)));
    if (pmids.length > i) matches.push(inArray(evidenceItems.pmid, pmids.slice(i, i + 1000)));
    if (keys.length > i) matches.push(inArray(evidenceItems.titleKey, keys.slice(i, i + 1000)));
    const rows = await db
      .select({
        id: evidenceItems.id,
        title: evidenceItems.title,
        year: evidenceItems.year,
        doi: evidenceItems.doi,
        pmid: evidenceItems.pmid,
        authors: evidenceItems.authors,
        publisher: evidenceItems.publisher,
        hasAbstract: sql<boolean>`${evidenceItems.abstract} <> ''`,
      })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), or(...matches)));
    for (const row of rows)
      found.set(row.id, {
        ...fingerprint(row),
        match: {
          id: row.id,
          title: row.title,
          year: row.year,
          authors: row.authors.slice(0, 5),
          publisher: row.publisher,
          doi: row.doi,
          abstract: Boolean(row.hasAbstract),
        },
      });
  }
  return [...found.values()];
}

/** Fingerprints by each thing they can be matched on, so each record is compared with a handful of others, not all. */
class FingerprintIndex<T extends Fingerprint> {
  private readonly byKey = new Map<string, T[]>();
  private static keysOf(print: Fingerprint) {
    return [print.doi && `doi:${print.doi}`, print.pmid && `pmid:${print.pmid}`, print.key && `title:${print.key}`].filter((key): key is string =>
      Boolean(key),
    );
  }
  add(print: T) {
    for (const key of FingerprintIndex.keysOf(print)) this.byKey.set(key, [...(this.byKey.get(key) ?? []), print]);
  }
  /** The best match: a certain one if there is one, else a possible one. */
  match(print: Fingerprint): { found: T; same: Sameness } | undefined {
    let possible: { found: T; same: Sameness } | undefined;
    for (const key of FingerprintIndex.keysOf(print))
      for (const other of this.byKey.get(key) ?? []) {
        const same = sameWork(print, other);
        if (same?.certain) return { found: other, same };
        possible ??= same && { found: other, same };
      }
    return possible;
  }
}

/**
 * What an import would do, record by record: new items; duplicates of an item
 * in the library or of a record earlier in the file (skipped, or merged into
 * the library's item if the person importing chooses); possible duplicates
 * (near-identical titles), which wait for them to decide; and records that
 * cannot be imported, each with its reasons.
 */
export async function buildPreview(db: Executor, workspaceId: string, records: CitationRecord[]): Promise<ImportPreviewRow[]> {
  const rows = records.map(checkRecord);
  const prints = new Map(rows.filter((row) => row.item).map((row) => [row, fingerprint(row.item!)]));
  const library = new FingerprintIndex<Existing>();
  for (const item of await findExisting(db, workspaceId, [...prints.values()])) library.add(item);
  const earlier = new FingerprintIndex<Fingerprint & { row: number }>();
  for (const [row, print] of prints) {
    const inLibrary = library.match(print);
    const inFile = inLibrary?.same.certain ? undefined : earlier.match(print);
    if (inFile?.same.certain || (inFile && !inLibrary)) {
      row.status = inFile.same.certain ? 'duplicate' : 'possible';
      row.duplicateOf = { kind: 'file', row: inFile.found.row };
      row.messages.unshift(
        inFile.same.certain
          ? `The same reference (${inFile.same.reason}) appears earlier in this file, as record ${inFile.found.row}.`
          : `Record ${inFile.found.row}, earlier in this file, has ${inFile.same.reason}: it may be the same reference.`,
      );
      if (inFile.same.certain) delete row.item;
    } else if (inLibrary) {
      row.status = inLibrary.same.certain ? 'duplicate' : 'possible';
      row.duplicateOf = { kind: 'library', id: inLibrary.found.match.id, title: inLibrary.found.match.title };
      row.match = inLibrary.found.match;
      row.messages.unshift(
        inLibrary.same.certain
          ? `An item with ${inLibrary.same.reason} is already in the library.`
          : `An item in the library has ${inLibrary.same.reason}: it may be the same reference.`,
      );
    }
    if (row.status !== 'duplicate') earlier.add({ ...print, row: row.row });
  }
  return rows;
}
