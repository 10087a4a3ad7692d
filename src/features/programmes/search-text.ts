import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { indexDocuments, missingFromIndex, removeDocuments } from '../search/index-documents.ts';

export const SESSION_KIND = 'session';

/**
 * Sessions in the one search index (title and what it covers), so a
 * speaker's sessions show what they know. Not the programme's name: a search
 * for the programme should find the programme, not each of its sessions.
 */
export async function indexSessions(tx: Executor, workspaceId: string, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  const found = await rows<{ id: string; title: string; description: string }>(
    tx,
    sql`select s.id, s.title, s.description from programme_sessions s
        where s.workspace_id = ${workspaceId} and s.id = any(${uuidArray(sessionIds)})`,
  );
  await indexDocuments(
    tx,
    workspaceId,
    found.map((session) => ({ kind: SESSION_KIND, sourceId: session.id, title: session.title, body: session.description })),
  );
}

export function unindexSession(tx: Executor, workspaceId: string, sessionId: string): Promise<void> {
  return removeDocuments(tx, workspaceId, SESSION_KIND, [sessionId]);
}

/** Sessions not yet in the index, a batch at a time, for the hourly clean-up and the example. */
export async function indexUnindexedSessions(db: Executor, workspaceId: string, batch = 500): Promise<number> {
  const ids = await missingFromIndex(db, workspaceId, 'programme_sessions', SESSION_KIND, batch);
  await indexSessions(db, workspaceId, ids);
  return ids.length;
}

export const PROGRAMME_KIND = 'programme';

/** Programmes in the one search index: name, summary and aims. */
export async function indexProgrammes(tx: Executor, workspaceId: string, programmeIds: string[]): Promise<void> {
  if (!programmeIds.length) return;
  const found = await rows<{ id: string; name: string; summary: string; aims: string }>(
    tx,
    sql`select id, name, summary, aims from programmes where workspace_id = ${workspaceId} and id = any(${uuidArray(programmeIds)})`,
  );
  await indexDocuments(
    tx,
    workspaceId,
    found.map((p) => ({ kind: PROGRAMME_KIND, sourceId: p.id, title: p.name, body: [p.summary, p.aims].filter(Boolean).join('\n') })),
  );
}

/** A deleted programme's entry, and its sessions' (the database removed the sessions with it). */
export async function unindexProgramme(tx: Executor, workspaceId: string, programmeId: string, sessionIds: string[]): Promise<void> {
  await removeDocuments(tx, workspaceId, PROGRAMME_KIND, [programmeId]);
  if (sessionIds.length) await removeDocuments(tx, workspaceId, SESSION_KIND, sessionIds);
}

/** Programmes not yet in the index, for the hourly clean-up and the example. */
export async function indexUnindexedProgrammes(db: Executor, workspaceId: string, batch = 500): Promise<number> {
  const ids = await missingFromIndex(db, workspaceId, 'programmes', PROGRAMME_KIND, batch);
  await indexProgrammes(db, workspaceId, ids);
  return ids.length;
}
