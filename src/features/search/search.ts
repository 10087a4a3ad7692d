import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { TEXT_CONFIG } from './index-documents.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { closestTerms, SEARCH_EDITS } from './spelling.ts';

/**
 * Each query term contributes its strongest postings only (by stored BM25
 * impact), so a query's work is bounded however large the library grows. The
 * best documents for a term are always among them; a document missing from a
 * very common term's list loses only that term's small contribution. (On the
 * CISI benchmark 500 ranks as well as 1,000 at two thirds of the time; 300
 * starts to lose quality.) Postings tied with the last one are all read, so
 * which documents make the cut never depends on their ids, which differ
 * between two loads of the same library.
 */
const POSTINGS_PER_TERM = 500;
// Pseudo-relevance feedback (RM3) with the settings Anserini uses by default:
// the best 10 documents lend their 10 most characteristic terms, and the
// expanded query weighs the original words and the new terms half and half.
const FEEDBACK_DOCUMENTS = 10;
const FEEDBACK_TERMS = 10;
const ORIGINAL_WEIGHT = 0.5;
/**
 * Feedback is used only when every feedback document has at least this many
 * indexed words. RM3 weighs a word by its share of a document's words, so in a
 * title-only record of eight words each word weighs ten times what it would in
 * an abstract, and a few such records decide the expansion on their own. On
 * collections of short records feedback lowered nDCG@10 (see docs/search.md);
 * with this rule it is used where the best documents are abstracts or longer.
 */
const MIN_FEEDBACK_LENGTH = 30;
export interface SearchOptions {
  /** Only documents of these kinds ("evidence", "lesson" ...). */
  kinds?: string[];
  /** How many of the best documents to return. */
  limit?: number;
  /**
   * Query expansion by relevance feedback: `'auto'` (the default) uses it only
   * when the best documents have enough text to learn from; `false` turns it
   * off (for comparison, and for exact look-ups), `true` always uses it.
   */
  feedback?: boolean | 'auto';
  /** Read a misspelt word as the closest indexed word (default on; off for text that comes from records, not a person). */
  typos?: boolean;
}

export interface SearchHit {
  documentId: string;
  kind: string;
  sourceId: string;
  score: number;
}

function tsquery(phrase: string) {
  return sql`phraseto_tsquery(${TEXT_CONFIG}::regconfig, ${phrase})`;
}

/** Required phrases (when nothing else was typed) and exclusions, on the shortlist. */
function filters(parsed: ParsedQuery): SQL {
  const parts: SQL[] = [];
  if (parsed.phrasesRequired) for (const phrase of parsed.phrases) parts.push(sql`d.tsv @@ ${tsquery(phrase)}`);
  for (const word of parsed.excluded) parts.push(sql`NOT (d.tsv @@ ${tsquery(word)})`);
  return parts.length ? sql.join([sql``, ...parts], sql` AND `) : sql``;
}

/**
 * How many of the quoted phrases of several words a document has, for ranking
 * phrase matches first. A single quoted word inside a question ("… the
 * "training" phase …") is emphasis or a name, not a phrase: it already counts
 * as a word, and putting every document with it first would bury better ones.
 */
function phraseMatches(parsed: ParsedQuery): SQL {
  const phrases = parsed.phrasesRequired ? [] : parsed.phrases.filter((phrase) => /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(phrase));
  if (phrases.length === 0) return sql``;
  return sql`${sql.join(
    phrases.map((phrase) => sql`(d.tsv @@ ${tsquery(phrase)})::int`),
    sql` + `,
  )} DESC,`;
}

/**
 * Each document's BM25: the weighted impacts of the strongest postings of
 * every term in `weights`. Rounded, so the order in which a database happens
 * to add the terms up never turns a tie into a difference.
 */
function scoreOver(workspaceId: string, weights: SQL) {
  return sql`
      SELECT c.document_id, round(sum(w.qw * w.idf * c.impact)::numeric, 9)::float8 AS score
      FROM ${weights} w
      CROSS JOIN LATERAL (
        SELECT p.document_id, p.impact FROM search_postings p
        WHERE p.workspace_id = ${workspaceId} AND p.term = w.term
        ORDER BY p.impact DESC NULLS LAST FETCH FIRST ${sql.raw(String(POSTINGS_PER_TERM))} ROWS WITH TIES
      ) c
      GROUP BY c.document_id`;
}

/**
 * Rank a workspace's documents for a query: Okapi BM25 over the index tables,
 * then, when it is likely to help, once more with the query expanded by
 * relevance feedback (RM3). One statement, the same ranking on PGlite and
 * PostgreSQL, no search server to run or keep in step. Every query word counts
 * and none is required, so a whole natural-language question works as well as
 * keywords; a misspelt word counts as the indexed word closest to it.
 */
export async function searchRanked(db: Executor, workspaceId: string, input: string | ParsedQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
  const parsed = typeof input === 'string' ? parseQuery(input) : input;
  if (!parsed.text) return [];
  const corrections = options.typos === false ? [] : await closestTerms(db, workspaceId, parsed.text, SEARCH_EDITS);
  return rows<SearchHit>(
    db,
    searchQuery(
      workspaceId,
      parsed,
      options,
      corrections.map((correction) => correction.term),
    ),
  );
}

/** The ranking statement itself (exported so its plan can be inspected). `extraTerms` are indexed terms read as typed words. */
export function searchQuery(workspaceId: string, parsed: ParsedQuery, options: SearchOptions = {}, extraTerms: string[] = []): SQL {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const kindFilter = options.kinds?.length ? sql`AND d.kind = ANY(${`{${options.kinds.join(',')}}`}::text[])` : sql``;
  const feedback = options.feedback ?? 'auto';
  const extra = extraTerms.length
    ? sql`UNION ALL SELECT unnest(${`{${extraTerms.map((term) => `"${term.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]), 1::float8`
    : sql``;
  const firstPass = sql`
    q AS (
      -- A word said twice in a question matters more (BM25's query term frequency).
      SELECT term, sum(qtf) AS qtf FROM (
        SELECT lexeme AS term, coalesce(array_length(positions, 1), 1)::float8 AS qtf
        FROM unnest(to_tsvector(${TEXT_CONFIG}::regconfig, ${parsed.text}))
        ${extra}
      ) typed GROUP BY term
    ),
    stats AS (
      SELECT s.documents::float8 AS n FROM search_stats s WHERE s.workspace_id = ${workspaceId}
    ),
    weights AS (
      SELECT t.term, ln(1 + (stats.n - t.df + 0.5) / (t.df + 0.5)) AS idf, q.qtf / (SELECT sum(qtf) FROM q) AS qw
      FROM search_terms t JOIN q ON q.term = t.term, stats
      WHERE t.workspace_id = ${workspaceId}
    ),
    first_pass AS (${scoreOver(workspaceId, sql`weights`)})`;
  const lengthRule = feedback === 'auto' ? sql`AND (SELECT min(length) FROM feedback_docs) >= ${sql.raw(String(MIN_FEEDBACK_LENGTH))}` : sql``;
  const finalScores =
    feedback !== false
      ? sql`
    feedback_docs AS (
      SELECT best.document_id, best.score / sum(best.score) OVER () AS weight, d.length
      FROM (SELECT * FROM first_pass ORDER BY score DESC FETCH FIRST ${sql.raw(String(FEEDBACK_DOCUMENTS))} ROWS WITH TIES) best
      JOIN search_documents d ON d.workspace_id = ${workspaceId} AND d.id = best.document_id
    ),
    -- RM3: each term's probability in the feedback documents, weighted by how well each matched.
    relevance_model AS (
      SELECT p.term, sum(f.weight * p.tf / greatest(f.length, 1)) AS probability
      FROM feedback_docs f JOIN search_postings p ON p.document_id = f.document_id AND p.workspace_id = ${workspaceId}
      GROUP BY p.term
      ORDER BY probability DESC, p.term COLLATE "C"
      LIMIT ${sql.raw(String(FEEDBACK_TERMS))}
    ),
    -- The expanded query weighs the original words and the feedback terms half and half; the original
    -- half is the first pass's score already, so only the feedback terms are scored again.
    feedback_weights AS (
      SELECT r.term, ${sql.raw(String(1 - ORIGINAL_WEIGHT))}::float8 * r.probability / sum(r.probability) OVER () AS qw,
        ln(1 + (stats.n - t.df + 0.5) / (t.df + 0.5)) AS idf
      FROM relevance_model r JOIN search_terms t ON t.workspace_id = ${workspaceId} AND t.term = r.term, stats
      WHERE TRUE ${lengthRule}
    ),
    feedback_scores AS MATERIALIZED (${scoreOver(workspaceId, sql`feedback_weights`)}),
    -- Feedback re-ranks the documents that match the query itself; it never brings in a document
    -- without any of the searcher's words, which would look like a mistake to them.
    scored AS (
      SELECT f.document_id, round((${sql.raw(String(ORIGINAL_WEIGHT))}::float8 * f.score + coalesce(e.score, 0))::numeric, 9)::float8 AS score
      FROM first_pass f LEFT JOIN feedback_scores e ON e.document_id = f.document_id
    )`
      : sql`scored AS (SELECT * FROM first_pass)`;
  // Only the best-scoring documents are looked up and filtered, never every match.
  const shortlist = Math.min(Math.max(limit * 2, 200), 2000);
  // Ties are broken by what the documents say, never by their ids, so the same library ranks the same way on every database.
  return sql`
      WITH ${firstPass}, ${finalScores},
      best AS (SELECT * FROM scored ORDER BY score DESC FETCH FIRST ${sql.raw(String(shortlist))} ROWS WITH TIES)
      SELECT d.id AS "documentId", d.kind, d.source_id AS "sourceId", s.score
      FROM best s JOIN search_documents d ON d.workspace_id = ${workspaceId} AND d.id = s.document_id
      WHERE TRUE ${kindFilter} ${filters(parsed)}
      ORDER BY ${phraseMatches(parsed)} s.score DESC, d.title COLLATE "C", md5(d.body), d.seq
      LIMIT ${limit}`;
}
