import { and, asc, desc, eq, gt, lt, max, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmeSessions, programmes } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';
import { readingListPolicy } from './policy.ts';
import type { ReadingListInput } from './schemas.ts';
import { readingListItems, readingLists } from './tables.ts';

export class ReadingListRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

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
    .leftJoin(topics, eq(topics.id, readingLists.topicId))
    .leftJoin(people, eq(people.id, readingLists.personId))
    .leftJoin(programmeSessions, eq(programmeSessions.id, readingLists.sessionId))
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
    conditions.push(sql`exists (select 1 from reading_list_items i where i.list_id = ${readingLists.id} and i.evidence_id = ${filter.evidenceId})`);
  return db
    .select({
      id: readingLists.id,
      title: readingLists.title,
      description: readingLists.description,
      topicName: topics.name,
      personName: people.fullName,
      sessionTitle: programmeSessions.title,
      items: sql<number>`(select count(*)::int from reading_list_items i where i.list_id = ${readingLists.id})`,
      updatedAt: readingLists.updatedAt,
    })
    .from(readingLists)
    .leftJoin(topics, eq(topics.id, readingLists.topicId))
    .leftJoin(people, eq(people.id, readingLists.personId))
    .leftJoin(programmeSessions, eq(programmeSessions.id, readingLists.sessionId))
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
    .innerJoin(evidenceItems, eq(evidenceItems.id, readingListItems.evidenceId))
    .where(and(eq(readingListItems.workspaceId, workspaceId), eq(readingListItems.listId, listId)))
    .orderBy(asc(readingListItems.position));
}

/** The topic, person and session a list is for must all be this workspace's. */
async function checkLinks(tx: Executor, workspaceId: string, input: ReadingListInput) {
  const checks: Array<[string | null, string, string, () => Promise<unknown[]>]> = [
    [
      input.topicId,
      'topicId',
      'Choose a topic from the list',
      () =>
        tx
          .select({ id: topics.id })
          .from(topics)
          .where(and(eq(topics.workspaceId, workspaceId), eq(topics.id, input.topicId!))),
    ],
    [
      input.personId,
      'personId',
      'Choose a person from the list',
      () =>
        tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.workspaceId, workspaceId), eq(people.id, input.personId!))),
    ],
    [
      input.sessionId,
      'sessionId',
      'Choose a session from the list',
      () =>
        tx
          .select({ id: programmeSessions.id })
          .from(programmeSessions)
          .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.id, input.sessionId!))),
    ],
  ];
  for (const [value, field, message, find] of checks) {
    if (value && (!isUuid(value) || (await find()).length === 0)) throw new ReadingListRuleError(field, message);
  }
}

export async function saveReadingList(db: Db, ctx: WorkspaceContext, input: ReadingListInput, id?: string): Promise<string> {
  authorize(readingListPolicy.curate(ctx.member));
  const workspaceId = ctx.workspace.id;
  return db.transaction(async (tx) => {
    await checkLinks(tx, workspaceId, input);
    if (!id) {
      const [created] = await tx
        .insert(readingLists)
        .values({ workspaceId, ...input, createdByPersonId: ctx.member.personId })
        .returning({ id: readingLists.id });
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'reading_list.created',
        entityType: 'reading_list',
        entityId: created.id,
        summary: `Started the reading list “${input.title}”`,
      });
      return created.id;
    }
    const [before] = await tx
      .select()
      .from(readingLists)
      .where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, id)));
    if (!before) throw new NotFoundError();
    await tx
      .update(readingLists)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(readingLists.id, id));
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'reading_list.updated',
      entityType: 'reading_list',
      entityId: id,
      summary: `Updated the reading list “${input.title}”`,
      changes: changedFields(before, input),
    });
    return id;
  });
}

export async function deleteReadingList(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  authorize(readingListPolicy.curate(ctx.member));
  return db.transaction(async (tx) => {
    const found = await findReadingList(tx, ctx.workspace.id, id);
    if (!found) throw new NotFoundError();
    await tx.delete(readingLists).where(eq(readingLists.id, found.list.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'reading_list.deleted',
      entityType: 'reading_list',
      entityId: id,
      summary: `Deleted the reading list “${found.list.title}”`,
    });
    return found.list.title;
  });
}

async function touch(tx: Executor, listId: string) {
  await tx.update(readingLists).set({ updatedAt: new Date() }).where(eq(readingLists.id, listId));
}

/** Add an item at the end of a list, or update its note if it is already there. */
export async function addToReadingList(
  db: Db,
  ctx: WorkspaceContext,
  listId: string,
  evidenceId: string,
  note: string,
): Promise<{ title: string; added: boolean }> {
  authorize(readingListPolicy.curate(ctx.member));
  const workspaceId = ctx.workspace.id;
  if (!isUuid(evidenceId)) throw new ReadingListRuleError('evidenceId', 'Choose an item from the library');
  return db.transaction(async (tx) => {
    const found = await findReadingList(tx, workspaceId, listId);
    if (!found) throw new ReadingListRuleError('listId', 'Choose one of the workspace’s reading lists');
    const [item] = await tx
      .select({ title: evidenceItems.title })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, evidenceId)));
    if (!item) throw new ReadingListRuleError('evidenceId', 'Choose an item from the library');
    const [existing] = await tx
      .select({ position: readingListItems.position })
      .from(readingListItems)
      .where(and(eq(readingListItems.listId, listId), eq(readingListItems.evidenceId, evidenceId)));
    if (existing) {
      if (note)
        await tx
          .update(readingListItems)
          .set({ note })
          .where(and(eq(readingListItems.listId, listId), eq(readingListItems.evidenceId, evidenceId)));
      return { title: item.title, added: false };
    }
    const [last] = await tx
      .select({ position: max(readingListItems.position) })
      .from(readingListItems)
      .where(eq(readingListItems.listId, listId));
    await tx.insert(readingListItems).values({ workspaceId, listId, evidenceId, note, position: (last?.position ?? 0) + 1 });
    await touch(tx, listId);
    return { title: item.title, added: true };
  });
}

export async function updateReadingItem(
  db: Db,
  ctx: WorkspaceContext,
  listId: string,
  evidenceId: string,
  change: { note?: string; move?: 'up' | 'down'; remove?: boolean },
) {
  authorize(readingListPolicy.curate(ctx.member));
  if (!isUuid(listId) || !isUuid(evidenceId)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const where = and(eq(readingListItems.workspaceId, ctx.workspace.id), eq(readingListItems.listId, listId), eq(readingListItems.evidenceId, evidenceId));
    const [item] = await tx.select().from(readingListItems).where(where);
    if (!item) throw new NotFoundError();
    if (change.remove) await tx.delete(readingListItems).where(where);
    else if (change.move) {
      // Swap places with the neighbour above or below.
      const [neighbour] = await tx
        .select()
        .from(readingListItems)
        .where(
          and(
            eq(readingListItems.listId, listId),
            change.move === 'up' ? lt(readingListItems.position, item.position) : gt(readingListItems.position, item.position),
          ),
        )
        .orderBy(change.move === 'up' ? desc(readingListItems.position) : asc(readingListItems.position))
        .limit(1);
      if (neighbour) {
        await tx.update(readingListItems).set({ position: neighbour.position }).where(where);
        await tx
          .update(readingListItems)
          .set({ position: item.position })
          .where(and(eq(readingListItems.listId, listId), eq(readingListItems.evidenceId, neighbour.evidenceId)));
      }
    } else if (change.note !== undefined) await tx.update(readingListItems).set({ note: change.note }).where(where);
    await touch(tx, listId);
  });
}

/** Options for the "for" fields: topics, people and upcoming-or-recent sessions with their programme. */
export async function forOptions(db: Executor, workspaceId: string) {
  const [topicItems, personItems, sessionItems] = await Promise.all([
    db.select({ value: topics.id, text: topics.name }).from(topics).where(eq(topics.workspaceId, workspaceId)).orderBy(asc(topics.name)),
    db.select({ value: people.id, text: people.fullName }).from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.fullName)).limit(2000),
    db
      .select({ value: programmeSessions.id, text: sql<string>`${programmes.name} || ': ' || ${programmeSessions.title}` })
      .from(programmeSessions)
      .innerJoin(programmes, eq(programmes.id, programmeSessions.programmeId))
      .where(eq(programmeSessions.workspaceId, workspaceId))
      .orderBy(asc(programmeSessions.startsAt))
      .limit(1000),
  ]);
  return { topicItems, personItems, sessionItems };
}
