import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { TEXT_CONFIG } from './index-documents.ts';

const SNIPPET_START = '\u0001';
const SNIPPET_END = '\u0002';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A snippet from ts_headline, escaped, with the matched words marked. */
export function snippetHtml(raw: string): string {
  return escapeHtml(raw).replaceAll(SNIPPET_START, '<mark>').replaceAll(SNIPPET_END, '</mark>');
}

/**
 * Short passages of each document's text around the words of a query, with
 * the words marked, as safe HTML; documents whose text has none of the words
 * get none. By source id, for documents of one kind.
 */
export async function snippetsFor(db: Executor, workspaceId: string, text: string, kind: string, sourceIds: string[]): Promise<Map<string, string>> {
  const snippets = new Map<string, string>();
  if (!text || !sourceIds.length) return snippets;
  const found = await rows<{ source_id: string; snippet: string }>(
    db,
    sql`
      WITH q AS (
        SELECT to_tsquery(${TEXT_CONFIG}::regconfig, string_agg(quote_literal(lexeme), ' | ')) AS query
        FROM unnest(to_tsvector(${TEXT_CONFIG}::regconfig, ${text}))
      )
      SELECT d.source_id, ts_headline(${TEXT_CONFIG}::regconfig, d.body, q.query,
        ${`StartSel=${SNIPPET_START}, StopSel=${SNIPPET_END}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`}) AS snippet
      FROM search_documents d, q
      WHERE d.workspace_id = ${workspaceId} AND d.kind = ${kind} AND q.query IS NOT NULL
        AND d.source_id = ANY(${`{${sourceIds.join(',')}}`}::uuid[])`,
  );
  for (const row of found) if (row.snippet.includes(SNIPPET_START)) snippets.set(row.source_id, snippetHtml(row.snippet));
  return snippets;
}
