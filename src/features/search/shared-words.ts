import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { TEXT_CONFIG } from './index-documents.ts';

/**
 * Why documents matched a text, in words a person recognises: the words they
 * share with it, weightiest first (a word rare in the workspace and repeated
 * in the text says most), each as the document itself spells it
 * ("recruitment", not the stem "recruit"). By source id, for documents of one
 * kind. Words that connect rather than name (across, within) are left out.
 */
/** Stems of words that link a sentence rather than say what it is about; the text search's own stop list keeps the rest. */
const PLAIN_WORDS = [
  'across',
  'within',
  'without',
  'between',
  'among',
  'around',
  'also',
  'everi',
  'well',
  'make',
  'made',
  'need',
  'first',
  'one',
  'two',
  'three',
  'new',
  'mani',
  'much',
  'often',
  'alway',
  'never',
  'still',
  'even',
  'just',
  'use',
  'way',
  'get',
  'take',
  'keep',
  'like',
  'want',
];

export async function sharedWords(
  db: Executor,
  workspaceId: string,
  text: string,
  kind: string,
  sourceIds: string[],
  perDocument = 3,
): Promise<Map<string, string[]>> {
  const shared = new Map<string, string[]>();
  if (!text.trim() || !sourceIds.length) return shared;
  const found = await rows<{ sourceId: string; word: string }>(
    db,
    sql`
      WITH asked AS (
        SELECT lexeme, coalesce(array_length(positions, 1), 1) AS tf FROM unnest(to_tsvector(${TEXT_CONFIG}::regconfig, ${text}))
        WHERE NOT lexeme = ANY(${`{${PLAIN_WORDS.join(',')}}`}::text[])
      )
      , stats AS (SELECT st.documents FROM search_stats st WHERE st.workspace_id = ${workspaceId})
      , matched AS (
        SELECT d.source_id, w.word, s.lexeme, a.tf * ln(1 + (coalesce((SELECT documents FROM stats), 1) + 1.0) / (coalesce(t.df, 0) + 1.0)) AS weight,
               row_number() OVER (PARTITION BY d.source_id, s.lexeme ORDER BY length(w.word)) AS spelling
        FROM search_documents d
        CROSS JOIN LATERAL (SELECT DISTINCT lower(m[1]) AS word FROM regexp_matches(d.title || ' ' || d.body, '([[:alpha:]][[:alpha:]''-]{2,})', 'g') m) w
        CROSS JOIN LATERAL unnest(to_tsvector(${TEXT_CONFIG}::regconfig, w.word)) s
        JOIN asked a ON a.lexeme = s.lexeme
        LEFT JOIN search_terms t ON t.workspace_id = d.workspace_id AND t.term = s.lexeme
        WHERE d.workspace_id = ${workspaceId} AND d.kind = ${kind} AND d.source_id = ANY(${uuidArray(sourceIds)})
      )
      SELECT source_id AS "sourceId", word FROM (
        SELECT source_id, word, row_number() OVER (PARTITION BY source_id ORDER BY weight DESC, lexeme) AS rank
        FROM matched WHERE spelling = 1
      ) ranked
      WHERE rank <= ${perDocument}
      ORDER BY source_id, rank`,
  );
  for (const row of found) shared.set(row.sourceId, [...(shared.get(row.sourceId) ?? []), row.word]);
  return shared;
}
