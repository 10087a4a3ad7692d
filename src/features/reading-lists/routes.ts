import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { evidenceItemPanels } from '../evidence/item-panels.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { personProfilePanels } from '../people/profile-panels.ts';
import { addToReadingList } from './add-to-reading-list.ts';
import { deleteReadingList } from './delete-reading-list.ts';
import { personReadingListsPanel, readingListsPanel } from './panels.ts';
import { readingListPolicy } from './policy.ts';
import { findReadingList, forOptions, itemsOf, listReadingLists } from './queries.ts';
import { saveReadingList } from './save-reading-list.ts';
import {
  addItemSchema,
  listItemParams,
  listPageQuery,
  listParams,
  newListQuery,
  newReadingListSchema,
  readingItemChangeSchema,
  readingListSchema,
} from './schemas.ts';
import { updateReadingItem } from './update-reading-item.ts';

export const readingListRoutes: FastifyPluginAsyncZod = async (app) => {
  evidenceItemPanels.add('reading-lists', readingListsPanel);
  personProfilePanels.add('reading-lists', personReadingListsPanel);
  const { db } = app.deps;

  async function formPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, list?: { id: string; title: string }) {
    const ctx = workspaceContext(request);
    return { title: list ? `Edit ${list.title}` : 'Start a reading list', list, values, errors, ...(await forOptions(db, ctx.workspace.id)) };
  }

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    return reply.page('reading-lists/views/index.njk', {
      title: 'Reading lists',
      lists: await listReadingLists(db, ctx.workspace.id),
      canCurate: readingListPolicy.curate(ctx.member),
    });
  });

  app.get('/new', { schema: { querystring: newListQuery } }, async (request, reply) => {
    authorize(readingListPolicy.curate(workspaceContext(request).member));
    const { topic, person, session, item } = request.query;
    return reply.page(
      'reading-lists/views/form.njk',
      await formPage(request, { topicId: topic, personId: person, sessionId: session, evidenceId: item }, noErrors),
    );
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    return submitForm(reply, {
      schema: newReadingListSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('reading-lists/views/form.njk', await formPage(request, request.body, errors)),
      // Started from an item's page: that item goes on the new list first.
      save: ({ evidenceId, ...input }) => saveReadingList(db, ctx, input, undefined, evidenceId ?? undefined),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/evidence/lists/${id}`, flash: `Started “${input.title}”.` }),
    });
  });

  async function listPage(request: FastifyRequest, id: string, search: string, errors: FormErrors = noErrors) {
    const ctx = workspaceContext(request);
    const found = await findReadingList(db, ctx.workspace.id, id);
    if (!found) throw new NotFoundError();
    const canCurate = readingListPolicy.curate(ctx.member);
    const items = await itemsOf(db, ctx.workspace.id, found.list.id);
    const onList = new Set(items.map((item) => item.id));
    const results =
      canCurate && search ? (await evidenceMatching(db, ctx.workspace.id, search, 8)).map((item) => ({ ...item, onList: onList.has(item.id) })) : [];
    return { title: found.list.title, ...found, items, canCurate, search: canCurate ? search : '', results, errors };
  }

  app.get('/:id', { schema: { params: listParams, querystring: listPageQuery } }, async (request, reply) =>
    reply.page('reading-lists/views/show.njk', await listPage(request, request.params.id, request.query.q)),
  );

  app.get('/:id/edit', { schema: { params: listParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const found = await findReadingList(db, ctx.workspace.id, request.params.id);
    if (!found) throw new NotFoundError();
    return reply.page('reading-lists/views/form.njk', await formPage(request, found.list, noErrors, found.list));
  });

  app.post('/:id/edit', { schema: { params: listParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const found = await findReadingList(db, ctx.workspace.id, request.params.id);
    if (!found) throw new NotFoundError();
    return submitForm(reply, {
      schema: readingListSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('reading-lists/views/form.njk', await formPage(request, request.body, errors, found.list)),
      save: (input) => saveReadingList(db, ctx, input, found.list.id),
      done: () => ({ to: `/w/${ctx.workspace.slug}/evidence/lists/${found.list.id}`, flash: 'Saved the reading list.' }),
    });
  });

  app.post('/:id/delete', { schema: { params: listParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const title = await deleteReadingList(db, ctx, request.params.id);
    return redirectWithFlash(reply, `/w/${ctx.workspace.slug}/evidence/lists`, `Deleted “${title}”. The evidence itself stays in the library.`);
  });

  /** Add an item (from the list's own search, or from an item's page with the list chosen); what went wrong shows in the banner there. */
  app.post('/items', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const { listId, back: asked } = addItemSchema.pick({ listId: true, back: true }).parse(request.body);
    const back = asked.startsWith(`/w/${ctx.workspace.slug}/`) ? asked : `/w/${ctx.workspace.slug}/evidence/lists/${listId}`;
    const parsed = addItemSchema.safeParse(request.body);
    if (!parsed.success) return redirectWithFlash(reply, back, parsed.error.issues[0].message, 'important');
    try {
      const { title, added } = await addToReadingList(db, ctx, listId, parsed.data.evidenceId, parsed.data.note);
      const note = parsed.data.note ? '; its note is updated' : '';
      return redirectWithFlash(reply, back, added ? `Added “${title}” to the reading list.` : `“${title}” is already on that list${note}.`);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return redirectWithFlash(reply, back, error.message, 'important');
    }
  });

  app.post('/:id/items/:evidenceId', { schema: { params: listItemParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, evidenceId } = request.params;
    return submitForm(reply, {
      schema: readingItemChangeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('reading-lists/views/show.njk', await listPage(request, id, '', errors)),
      save: (change) => updateReadingItem(db, ctx, id, evidenceId, change),
      done: (_result, { action }) => ({
        to: `/w/${ctx.workspace.slug}/evidence/lists/${id}#item-${evidenceId}`,
        flash: action === 'remove' ? 'Removed from the list.' : action === 'note' ? 'Saved the note.' : 'Moved.',
      }),
    });
  });
};
