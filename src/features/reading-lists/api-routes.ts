import { and, count, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findReadingList, itemsOf } from './queries.ts';
import { readingListItems, readingLists } from './tables.ts';

const listFields = {
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  topicId: z.uuid().nullable().describe('The topic it is for, if any'),
  personId: z.uuid().nullable().describe('The person it was put together for, if any'),
  sessionId: z.uuid().nullable().describe('The programme session it prepares for, if any'),
  updatedAt: z.string(),
};
const listSummary = z.object({ ...listFields, itemCount: z.number().int() });
const listWithItems = z.object({
  ...listFields,
  items: z.array(z.object({ evidenceId: z.uuid(), title: z.string(), position: z.number().int(), note: z.string().describe('Why it is on the list') })),
});

type ListRow = typeof readingLists.$inferSelect;
const fieldsOf = (list: ListRow) => ({
  id: list.id,
  title: list.title,
  description: list.description,
  topicId: list.topicId,
  personId: list.personId,
  sessionId: list.sessionId,
  updatedAt: isoDate(list.updatedAt)!,
});

/** Reading lists, which everyone in the workspace reads, as their pages show them. */
export const readingListsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Reading lists'];

  app.get(
    '/reading-lists',
    { schema: { tags, summary: 'List reading lists', querystring: listQuery, response: { 200: listOf(listSummary), ...commonProblems } } },
    async (request) => {
      const workspaceId = workspaceContext(request).workspace.id;
      const page = await pageById(db, readingLists, workspaceId, request.query);
      const ids = page.data.map((list) => list.id);
      const counts = ids.length
        ? await db
            .select({ listId: readingListItems.listId, n: count() })
            .from(readingListItems)
            .where(and(eq(readingListItems.workspaceId, workspaceId), inArray(readingListItems.listId, ids)))
            .groupBy(readingListItems.listId)
        : [];
      const countOf = new Map(counts.map((row) => [row.listId, row.n]));
      return { data: page.data.map((list) => ({ ...fieldsOf(list), itemCount: countOf.get(list.id) ?? 0 })), next: page.next };
    },
  );

  app.get(
    '/reading-lists/:id',
    { schema: { tags, summary: 'Get a reading list with its items, in order', params: idParams, response: { 200: listWithItems, ...commonProblems } } },
    async (request) => {
      const workspaceId = workspaceContext(request).workspace.id;
      const found = await findReadingList(db, workspaceId, request.params.id);
      if (!found) throw new NotFoundError('There is no such reading list in this workspace.');
      const items = await itemsOf(db, workspaceId, found.list.id);
      return {
        ...fieldsOf(found.list),
        items: items.map((item) => ({ evidenceId: item.id, title: item.title, position: item.position, note: item.note })),
      };
    },
  );
};
