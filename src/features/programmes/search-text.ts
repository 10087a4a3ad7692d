import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { indexDocuments, removeDocuments } from '../search/index-documents.ts';

export const SESSION_KIND = 'session';

/** Sessions in the one search index (title, what it covers, its programme), so a speaker's sessions show what they know. */
export async function indexSessions(tx: Executor, workspaceId: string, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  const found = await rows<{ id: string; title: string; description: string; programme: string }>(
    tx,
    sql`select s.id, s.title, s.description, p.name as programme from programme_sessions s
        join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
        where s.workspace_id = ${workspaceId} and s.id in (${sql.join(
          sessionIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  await indexDocuments(
    tx,
    workspaceId,
    found.map((session) => ({ kind: SESSION_KIND, sourceId: session.id, title: session.title, body: session.description, keywords: session.programme })),
  );
}

export function unindexSession(tx: Executor, workspaceId: string, sessionId: string): Promise<void> {
  return removeDocuments(tx, workspaceId, SESSION_KIND, [sessionId]);
}

/** Sessions not yet in the index (from before it held them), a batch at a time, for the hourly clean-up. */
export async function indexUnindexedSessions(db: Executor, workspaceId: string, batch = 500): Promise<number> {
  const missing = await rows<{ id: string }>(
    db,
    sql`select s.id from programme_sessions s where s.workspace_id = ${workspaceId} and not exists (
          select 1 from search_documents d where d.workspace_id = s.workspace_id and d.kind = ${SESSION_KIND} and d.source_id = s.id)
        limit ${batch}`,
  );
  await indexSessions(
    db,
    workspaceId,
    missing.map((row) => row.id),
  );
  return missing.length;
}
