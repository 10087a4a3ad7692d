import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { TEXT_CONFIG } from './index-documents.ts';
import { parseQuery, type ParsedQuery } from './query.ts';

/**
 * Each query term contributes its strongest postings only (by stored BM25
 * impact), so a query's work is bounded however large the library grows. The
 * best documents for a term are always among them; a document missing from a
 * very common term's list loses only that term's small contribution. (On the
 * CISI benchmark 500 ranks as well as 1,000 at two thirds of the time; 300
 * starts to lose quality.)
 */
const POSTINGS_PER_TERM = 500;
// Pseudo-relevance feedback (RM3) with the settings Anserini uses by default:
// the best 10 documents lend their 10 most characteristic terms, and the
// expanded query weighs the original words and the new terms half and half.
const FEEDBACK_DOCUMENTS = 10;
const FEEDBACK_TERMS = 10;
const ORIGINAL_WEIGHT = 0.5;

export interface SearchOptions {
  /** Only documents of these kinds ("evidence", "lesson" ...). */
  kinds?: string[];
  /** How many of the best documents to return. */
  limit?: number;
  /** Turn off query expansion (for comparison, and for exact look-ups). */
  feedback?: boolean;
}

export interface SearchHit {
  documentId: string;
  kind: string;
  sourceId: string;
  score: number;
}

function filters(parsed: ParsedQuery): SQL {
  const parts: SQL[] = [];
  for (const phrase of parsed.phrases) parts.push(sql`d.tsv @@ phraseto_tsquery(${TEXT_CONFIG}::regconfig, ${phrase})`);
  for (const word of parsed.excluded) parts.push(sql`NOT (d.tsv @@ phraseto_tsquery(${TEXT_CONFIG}::regconfig, ${word}))`);
  return parts.length ? sql.join([sql``, ...parts], sql` AND `) : sql``;
}

/** Each document's BM25: the weighted impacts of the strongest postings of every term in `weights`. */
function scoreOver(workspaceId: string, weights: SQL) {
  return sql`
      SELECT c.document_id, sum(w.qw * w.idf * c.impact) AS score
      FROM ${weights} w
      CROSS JOIN LATERAL (
        SELECT p.document_id, p.impact FROM search_postings p
        WHERE p.workspace_id = ${workspaceId} AND p.term = w.term
        ORDER BY p.impact DESC NULLS LAST LIMIT ${sql.raw(String(POSTINGS_PER_TERM))}
      ) c
      GROUP BY c.document_id`;
}

/**
 * Rank a workspace's documents for a query: Okapi BM25 over the index tables,
 * then once more with the query expanded by relevance feedback (RM3). One
 * statement, the same ranking on PGlite and PostgreSQL, no search server to run
 * or keep in step. Every query word counts and none is required, so a whole
 * natural-language question works as well as keywords.
 */
export async function searchRanked(db: Executor, workspaceId: string, input: string | ParsedQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
  const parsed = typeof input === 'string' ? parseQuery(input) : input;
  if (!parsed.text) return [];
  return rows<SearchHit>(db, searchQuery(workspaceId, parsed, options));
}

/** The ranking statement itself (exported so its plan can be inspected). */
export function searchQuery(workspaceId: string, parsed: ParsedQuery, options: SearchOptions = {}): SQL {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const kindFilter = options.kinds?.length ? sql`AND d.kind = ANY(${`{${options.kinds.join(',')}}`}::text[])` : sql``;
  const feedback = options.feedback !== false;
  const firstPass = sql`
    q AS (
      -- A word said twice in a question matters more (BM25's query term frequency).
      SELECT lexeme AS term, coalesce(array_length(positions, 1), 1)::float8 AS qtf
      FROM unnest(to_tsvector(${TEXT_CONFIG}::regconfig, ${parsed.text}))
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
  const finalScores = feedback
    ? sql`
    feedback_docs AS (
      SELECT best.document_id, best.score / sum(best.score) OVER () AS weight, d.length
      FROM (SELECT * FROM first_pass ORDER BY score DESC, document_id LIMIT ${sql.raw(String(FEEDBACK_DOCUMENTS))}) best
      JOIN search_documents d ON d.workspace_id = ${workspaceId} AND d.id = best.document_id
    ),
    -- RM3: each term's probability in the feedback documents, weighted by how well each matched.
    relevance_model AS (
      SELECT p.term, sum(f.weight * p.tf / greatest(f.length, 1)) AS probability
      FROM feedback_docs f JOIN search_postings p ON p.document_id = f.document_id AND p.workspace_id = ${workspaceId}
      GROUP BY p.term
      ORDER BY probability DESC, p.term
      LIMIT ${sql.raw(String(FEEDBACK_TERMS))}
    ),
    -- The expanded query weighs the original words and the feedback terms half and half; the original
    -- half is the first pass's score already, so only the feedback terms are scored again.
    feedback_weights AS (
      SELECT r.term, ${sql.raw(String(1 - ORIGINAL_WEIGHT))}::float8 * r.probability / sum(r.probability) OVER () AS qw,
        ln(1 + (stats.n - t.df + 0.5) / (t.df + 0.5)) AS idf
      FROM relevance_model r JOIN search_terms t ON t.workspace_id = ${workspaceId} AND t.term = r.term, stats
    ),
    feedback_scores AS (${scoreOver(workspaceId, sql`feedback_weights`)}),
    -- Feedback re-ranks the documents that match the query itself; it never brings in a document
    -- without any of the searcher's words, which would look like a mistake to them.
    scored AS (
      SELECT f.document_id, ${sql.raw(String(ORIGINAL_WEIGHT))}::float8 * f.score + coalesce(e.score, 0) AS score
      FROM first_pass f LEFT JOIN feedback_scores e ON e.document_id = f.document_id
    )`
    : sql`scored AS (SELECT * FROM first_pass)`;
  // Only the best-scoring documents are looked up and filtered, never every match.
  const shortlist = Math.min(Math.max(limit * 2, 200), 2000);
  return sql`
      WITH ${firstPass}, ${finalScores},
      best AS (SELECT * FROM scored ORDER BY score DESC, document_id LIMIT ${sql.raw(String(shortlist))})
      SELECT d.id AS "documentId", d.kind, d.source_id AS "sourceId", s.score
      FROM best s JOIN search_documents d ON d.workspace_id = ${workspaceId} AND d.id = s.document_id
      WHERE TRUE ${kindFilter} ${filters(parsed)}
      ORDER BY s.score DESC, d.id
      LIMIT ${limit}`;
}
