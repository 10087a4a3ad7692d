import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import type { CitationRecord } from '../citations/record.ts';
import { evidenceItems, type ImportPreviewRow } from '../tables.ts';
import { titleKey } from '../title-key.ts';
import { checkRecord } from './check-record.ts';

/** What two references are compared on. */
interface Fingerprint {
  doi: string | null;
  pmid: string | null;
  key: string;
  year: number | null;
  firstAuthor: string;
}

const familyOf = (authors: string[]) => titleKey(authors[0]?.split(',')[0] ?? '');

function fingerprint(item: { doi: string | null; pmid?: string | null; title: string; year: number | null; authors: string[] }): Fingerprint {
  return { doi: item.doi, pmid: item.pmid ?? null, key: titleKey(item.title), year: item.year, firstAuthor: familyOf(item.authors) };
}

/** Why two references are the same work, or undefined: a shared identifier, or the same title, year and first author (where both have them). */
function sameWork(a: Fingerprint, b: Fingerprint): string | undefined {
  if (a.doi && b.doi) return a.doi === b.doi ? 'the same DOI' : undefined;
  if (a.pmid && b.pmid) return a.pmid === b.pmid ? 'the same PubMed ID' : undefined;
  const agree = <T>(x: T | null | '', y: T | null | '') => !x || !y || x === y;
  if (a.key && a.key === b.key && agree(a.year, b.year) && agree(a.firstAuthor, b.firstAuthor)) return 'the same title, year and first author';
  return undefined;
}

type Existing = Fingerprint & { id: string; title: string };

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
      })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), or(...matches)));
    for (const row of rows) found.set(row.id, { ...fingerprint(row), id: row.id, title: row.title });
  }
  return [...found.values()];
}

/** Index fingerprints by each thing they can be matched on, so each record is compared with a handful of others, not all. */
class FingerprintIndex<T extends Fingerprint> {
  private readonly byKey = new Map<string, T[]>();
  add(print: T) {
    for (const key of [print.doi && `doi:${print.doi}`, print.pmid && `pmid:${print.pmid}`, print.key && `title:${print.key}`])
      if (key) this.byKey.set(key, [...(this.byKey.get(key) ?? []), print]);
  }
  match(print: Fingerprint): { found: T; reason: string } | undefined {
    for (const key of [print.doi && `doi:${print.doi}`, print.pmid && `pmid:${print.pmid}`, print.key && `title:${print.key}`]) {
      for (const other of (key && this.byKey.get(key)) || []) {
        const reason = sameWork(print, other);
        if (reason) return { found: other, reason };
      }
    }
    return undefined;
  }
}

/**
 * What an import would do, record by record: new items, duplicates (of an
 * item in the library or a record earlier in the file: the same DOI or PubMed
 * ID, or the same title, year and first author) and records that cannot be
 * imported, each with its reasons.
 */
export async function buildPreview(db: Executor, workspaceId: string, records: CitationRecord[]): Promise<ImportPreviewRow[]> {
  const rows = records.map(checkRecord);
  const prints = new Map(rows.filter((row) => row.item).map((row) => [row, fingerprint({ ...row.item!, pmid: row.item!.pmid })]));
  const library = new FingerprintIndex<Existing>();
  for (const item of await findExisting(db, workspaceId, [...prints.values()])) library.add(item);
  const earlier = new FingerprintIndex<Fingerprint & { row: number }>();
  for (const [row, print] of prints) {
    const inLibrary = library.match(print);
    const inFile = inLibrary ? undefined : earlier.match(print);
    if (inLibrary) {
      row.status = 'duplicate';
      row.duplicateOf = { kind: 'library', id: inLibrary.found.id, title: inLibrary.found.title };
      row.messages.unshift(`An item with ${inLibrary.reason} is already in the library.`);
      delete row.item;
    } else if (inFile) {
      row.status = 'duplicate';
      row.duplicateOf = { kind: 'file', row: inFile.found.row };
      row.messages.unshift(`The same reference (${inFile.reason}) appears earlier in this file, as record ${inFile.found.row}.`);
      delete row.item;
    } else earlier.add({ ...print, row: row.row });
  }
  return rows;
}
