import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmeSessions, programmes } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';
import { readingListItems, readingLists } from './tables.ts';

export async function findReadingList(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [list] = await db
    .select({
      list: readingLists,
      topicName: topics.name,
      personName: people.fullName,
      sessionTitle: programmeSessions.title,
      programmeId: programmeSessions.programmeId,
    })
    .from(readingLists)
    .leftJoin(topics, and(eq(topics.workspaceId, readingLists.workspaceId), eq(topics.id, readingLists.topicId)))
    .leftJoin(people, and(eq(people.workspaceId, readingLists.workspaceId), eq(people.id, readingLists.personId)))
    .leftJoin(programmeSessions, and(eq(programmeSessions.workspaceId, readingLists.workspaceId), eq(programmeSessions.id, readingLists.sessionId)))
    .where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, id)));
  return list;
}

/** Reading lists, newest first, optionally only those for one topic, person, session or item. */
export function listReadingLists(
  db: Executor,
  workspaceId: string,
  filter: { topicId?: string; personId?: string; sessionId?: string; evidenceId?: string } = {},
) {
  const conditions = [eq(readingLists.workspaceId, workspaceId)];
  if (filter.topicId) conditions.push(eq(readingLists.topicId, filter.topicId));
  if (filter.personId) conditions.push(eq(readingLists.personId, filter.personId));
  if (filter.sessionId) conditions.push(eq(readingLists.sessionId, filter.sessionId));
  if (filter.evidenceId)
    conditions.push(
      sql`exists (select 1 from reading_list_items i where i.workspace_id = ${readingLists.workspaceId} and i.list_id = ${readingLists.id} and i.evidence_id = ${filter.evidenceId})`,
    );
  return db
    .select({
      id: readingLists.id,
      title: readingLists.title,
      description: readingLists.description,
      topicName: topics.name,
      personName: people.fullName,
      sessionTitle: programmeSessions.title,
      items: sql<number>`(select count(*)::int from reading_list_items i where i.workspace_id = ${readingLists.workspaceId} and i.list_id = ${readingLists.id})`,
      updatedAt: readingLists.updatedAt,
    })
    .from(readingLists)
    .leftJoin(topics, and(eq(topics.workspaceId, readingLists.workspaceId), eq(topics.id, readingLists.topicId)))
    .leftJoin(people, and(eq(people.workspaceId, readingLists.workspaceId), eq(people.id, readingLists.personId)))
    .leftJoin(programmeSessions, and(eq(programmeSessions.workspaceId, readingLists.workspaceId), eq(programmeSessions.id, readingLists.sessionId)))
    .where(and(...conditions))
    .orderBy(desc(readingLists.updatedAt))
    .limit(500);
}

export function itemsOf(db: Executor, workspaceId: string, listId: string) {
  return db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      authors: evidenceItems.authors,
      year: evidenceItems.year,
      sourceType: evidenceItems.sourceType,
      strength: evidenceItems.strength,
      summary: evidenceItems.summary,
      position: readingListItems.position,
      note: readingListItems.note,
    })
    .from(readingListItems)
    .innerJoin(evidenceItems, and(eq(evidenceItems.workspaceId, readingListItems.workspaceId), eq(evidenceItems.id, readingListItems.evidenceId)))
    .where(and(eq(readingListItems.workspaceId, workspaceId), eq(readingListItems.listId, listId)))
    .orderBy(asc(readingListItems.position));
}

/** Options for the "for" fields: topics, people and upcoming-or-recent sessions with their programme. */
export async function forOptions(db: Executor, workspaceId: string) {
  const [topicItems, personItems, sessionItems] = await Promise.all([
    db.select({ value: topics.id, text: topics.name }).from(topics).where(eq(topics.workspaceId, workspaceId)).orderBy(asc(topics.name)),
    db.select({ value: people.id, text: people.fullName }).from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.fullName)).limit(2000),
    db
      .select({ value: programmeSessions.id, text: sql<string>`${programmes.name} || ': ' || ${programmeSessions.title}` })
      .from(programmeSessions)
      .innerJoin(programmes, and(eq(programmes.workspaceId, programmeSessions.workspaceId), eq(programmes.id, programmeSessions.programmeId)))
      .where(eq(programmeSessions.workspaceId, workspaceId))
      .orderBy(asc(programmeSessions.startsAt))
      .limit(1000),
  ]);
  return { topicItems, personItems, sessionItems };
}
