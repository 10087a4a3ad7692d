import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { TEXT_CONFIG } from './index-documents.ts';
import { parseQuery } from './query.ts';

/**
 * "Did you mean": for each word of a query that matches nothing in the
 * workspace's index, the indexed term closest in spelling (Damerau-Levenshtein,
 * one edit for short words and two for longer ones), the most common on a tie.
 * Terms are stems, so the word offered back is the stem's commonest written
 * form as it appears in a document that contains it.
 */

const WORD = /[\p{L}][\p{L}'’-]*/gu;
/** Candidate terms read per unknown word; enough for a large library, bounded for speed. */
const MAX_CANDIDATES = 20_000;
/** Documents read for the ways a stem is written. */
const SURFACE_SAMPLES = 10;

export interface SpellingSuggestion {
  /** The whole query with the misspelt words replaced. */
  text: string;
  /** The words that were changed, for emphasis. */
  changed: string[];
}

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rowsCount = a.length + 1;
  const columns = b.length + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: columns }, (_, j) => j);
  for (let i = 1; i < rowsCount; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[columns - 1];
}

export interface Correction {
  /** The word as typed (lower case). */
  word: string;
  /** The indexed term closest to it. */
  term: string;
  /** How many edits apart they are. */
  distance: number;
}

/** Edits allowed for a suggestion a person will see and choose: one for short words, two for longer ones (as Elasticsearch's AUTO). */
export const SUGGESTION_EDITS = (stemLength: number) => (stemLength <= 5 ? 1 : 2);
/**
 * Edits allowed when a search reads a word as another without asking: two
 * only for long words. A real word the library lacks ("spoken", "pointer")
 * is often two edits from an unrelated one ("soben", "printer"), while most
 * typing slips are one edit (a letter missed, added, changed or swapped).
 */
export const SEARCH_EDITS = (stemLength: number) => (stemLength <= 7 ? 1 : 2);

/**
 * For each word of a query that matches nothing in the workspace's index, the
 * indexed term closest in spelling. Used by the ranking, so a misspelt
 * question still finds its documents, and by "did you mean".
 */
export async function closestTerms(db: Executor, workspaceId: string, text: string, editsFor = SUGGESTION_EDITS): Promise<Correction[]> {
  const words = [...new Set([...text.matchAll(WORD)].map((match) => match[0].toLowerCase()).filter((word) => word.length >= 3))].slice(0, 20);
  if (words.length === 0) return [];
  const stems = await rows<{ word: string; stem: string; df: number | null }>(
    db,
    sql`select w.word, coalesce(s.stem, '') as stem, t.df
        from unnest(${`{${words.map((w) => `"${w.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]) as w(word)
        left join lateral (select string_agg(lexeme, ' ') as stem from unnest(to_tsvector(${TEXT_CONFIG}::regconfig, w.word))) s on true
        left join search_terms t on t.workspace_id = ${workspaceId} and t.term = s.stem`,
  );
  const corrections: Correction[] = [];
  for (const { word, stem, df } of stems) {
    // Stop words have no stem; words with several lexemes (hyphenated) are left alone.
    if (!stem || stem.includes(' ') || df) continue;
    const limit = editsFor(stem.length);
    const first = stem[0];
    const candidates = await rows<{ term: string; df: number }>(
      db,
      sql`select term, df from search_terms
          where workspace_id = ${workspaceId} and term >= ${first} and term < ${String.fromCodePoint(first.codePointAt(0)! + 1)}
            and length(term) between ${stem.length - limit} and ${stem.length + limit}
          limit ${MAX_CANDIDATES}`,
    );
    let best: { term: string; df: number; distance: number } | undefined;
    for (const candidate of candidates) {
      const distance = editDistance(stem, candidate.term, limit);
      if (distance > limit) continue;
      // Nearest first; on a tie the commoner term, then the first alphabetically, so every database agrees.
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && (candidate.df > best.df || (candidate.df === best.df && candidate.term < best.term)))
      )
        best = { ...candidate, distance };
    }
    if (best) corrections.push({ word, term: best.term, distance: best.distance });
  }
  return corrections;
}

export async function suggestSpelling(db: Executor, workspaceId: string, input: string): Promise<SpellingSuggestion | null> {
  const corrections = await closestTerms(db, workspaceId, parseQuery(input).text);
  const replacements = new Map<string, string>();
  for (const { word, term } of corrections) {
    const surface = await surfaceForm(db, workspaceId, term, word);
    if (surface && surface !== word) replacements.set(word, surface);
  }
  if (replacements.size === 0) return null;
  const text = input.replace(WORD, (match) => replacements.get(match.toLowerCase()) ?? match);
  return { text, changed: [...replacements.values()] };
}

/**
 * How a stem is written in documents that contain it (ts_headline marks the
 * matching word), choosing among a few the form closest to what was typed:
 * "documnets" is offered "documents", not "documentation", though both stem
 * to "document".
 */
async function surfaceForm(db: Executor, workspaceId: string, term: string, typed: string): Promise<string | undefined> {
  const marked = await rows<{ marked: string }>(
    db,
    sql`select ts_headline(${TEXT_CONFIG}::regconfig, d.title || ' ' || left(d.body, 20000), quote_literal(${term})::tsquery,
              'StartSel=<<, StopSel=>>, MaxWords=5, MinWords=1, MaxFragments=3') as marked
        from search_postings p join search_documents d on d.workspace_id = p.workspace_id and d.id = p.document_id
        where p.workspace_id = ${workspaceId} and p.term = ${term}
        limit ${SURFACE_SAMPLES}`,
  );
  const forms = new Set(marked.flatMap((row) => [...row.marked.matchAll(/<<([^<>]+)>>/g)].map((match) => match[1].toLowerCase())));
  let best: { form: string; distance: number } | undefined;
  for (const form of [...forms].sort()) {
    const distance = editDistance(typed, form, Math.max(typed.length, form.length));
    if (!best || distance < best.distance) best = { form, distance };
  }
  return best?.form;
}
