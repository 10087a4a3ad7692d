import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { personTopics } from '../people/tables.ts';
import { topics } from './tables.ts';

export function listTopics(db: Executor, workspaceId: string) {
  return db
    .select({ id: topics.id, name: topics.name, description: topics.description, people: count(personTopics.personId) })
    .from(topics)
    .leftJoin(personTopics, and(eq(personTopics.workspaceId, workspaceId), eq(personTopics.topicId, topics.id)))
    .where(eq(topics.workspaceId, workspaceId))
    .groupBy(topics.id, topics.workspaceId)
    .orderBy(asc(sql`lower(${topics.name})`));
}

/** Topic choices for tagging forms, as {value, text}. */
export async function topicOptions(db: Executor, workspaceId: string) {
  const rows = await db
    .select({ value: topics.id, text: topics.name })
    .from(topics)
    .where(eq(topics.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${topics.name})`));
  return rows;
}

export async function findTopic(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [topic] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), eq(topics.id, id)));
  return topic;
}

export async function findTopicByName(db: Executor, workspaceId: string, name: string) {
  const [topic] = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), eq(sql`lower(${topics.name})`, name.toLowerCase())));
  return topic;
}

/** Which of these ids are topics of this workspace; used to refuse ids from elsewhere. */
export async function existingTopicIds(db: Executor, workspaceId: string, ids: string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), inArray(topics.id, valid)));
  return rows.map((row) => row.id);
}
