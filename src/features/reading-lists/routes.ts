import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { evidenceItemPanels } from '../evidence/item-panels.ts';
import { personProfilePanels } from '../people/profile-panels.ts';
import { personReadingListsPanel, readingListsPanel } from './panels.ts';
import { readingListPolicy } from './policy.ts';
import {
  addToReadingList,
  deleteReadingList,
  findReadingList,
  forOptions,
  itemsOf,
  listReadingLists,
  ReadingListRuleError,
  saveReadingList,
  updateReadingItem,
} from './reading-lists.ts';
import { readingItemSchema, readingListSchema } from './schemas.ts';

export const readingListRoutes: FastifyPluginAsync = async (app) => {
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

  app.get('/new', async (request, reply) => {
    authorize(readingListPolicy.curate(workspaceContext(request).member));
    const query = request.query as Record<string, unknown>;
    const pick = (key: string) => (typeof query[key] === 'string' ? query[key] : '');
    return reply.page(
      'reading-lists/views/form.njk',
      await formPage(request, { topicId: pick('topic'), personId: pick('person'), sessionId: pick('session'), evidenceId: pick('item') }, noErrors),
    );
  });

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = readingListSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('reading-lists/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveReadingList(db, ctx, parsed.data);
      // Started from an item's page: that item goes on the new list first.
      if (typeof body.evidenceId === 'string' && body.evidenceId) await addToReadingList(db, ctx, id, body.evidenceId, '');
      setFlash(reply, { kind: 'success', text: `Started “${parsed.data.title}”.` });
      return reply.redirect(`/w/${ctx.workspace.slug}/evidence/lists/${id}`);
    } catch (error) {
      if (!(error instanceof ReadingListRuleError)) throw error;
      return reply.status(400).page('reading-lists/views/form.njk', await formPage(request, body, fieldError(error.field, error.message)));
    }
  });

  async function listPage(request: FastifyRequest, errors: FormErrors = noErrors) {
    const ctx = workspaceContext(request);
    const found = await findReadingList(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!found) throw new NotFoundError();
    const canCurate = readingListPolicy.curate(ctx.member);
    const query = request.query as Record<string, unknown>;
    const search = canCurate && typeof query.q === 'string' ? query.q.trim().slice(0, 300) : '';
    const items = await itemsOf(db, ctx.workspace.id, found.list.id);
    const onList = new Set(items.map((item) => item.id));
    const results = search ? (await evidenceMatching(db, ctx.workspace.id, search, 8)).map((item) => ({ ...item, onList: onList.has(item.id) })) : [];
    return { title: found.list.title, ...found, items, canCurate, search, results, errors };
  }

  app.get('/:id', async (request, reply) => reply.page('reading-lists/views/show.njk', await listPage(request)));

  app.get('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const found = await findReadingList(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!found) throw new NotFoundError();
    return reply.page('reading-lists/views/form.njk', await formPage(request, found.list, noErrors, found.list));
  });

  app.post('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const found = await findReadingList(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!found) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = readingListSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('reading-lists/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error), found.list));
    try {
      await saveReadingList(db, ctx, parsed.data, found.list.id);
    } catch (error) {
      if (!(error instanceof ReadingListRuleError)) throw error;
      return reply.status(400).page('reading-lists/views/form.njk', await formPage(request, body, fieldError(error.field, error.message), found.list));
    }
    setFlash(reply, { kind: 'success', text: 'Saved the reading list.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/lists/${found.list.id}`);
  });

  app.post('/:id/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const title = await deleteReadingList(db, ctx, (request.params as { id: string }).id);
    setFlash(reply, { kind: 'success', text: `Deleted “${title}”. The evidence itself stays in the library.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/lists`);
  });

  /** Add an item (from the list's own search, or from an item's page with the list chosen). */
  app.post('/items', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(readingListPolicy.curate(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const listId = typeof body.listId === 'string' ? body.listId : '';
    const back =
      typeof body.back === 'string' && body.back.startsWith(`/w/${ctx.workspace.slug}/`) ? body.back : `/w/${ctx.workspace.slug}/evidence/lists/${listId}`;
    const parsed = readingItemSchema.safeParse(body);
    try {
      if (!parsed.success) throw new ReadingListRuleError('evidenceId', parsed.error.issues[0].message);
      const { title, added } = await addToReadingList(db, ctx, listId, parsed.data.evidenceId, parsed.data.note);
      setFlash(reply, {
        kind: 'success',
        text: added ? `Added “${title}” to the reading list.` : `“${title}” is already on that list${parsed.data.note ? '; its note is updated' : ''}.`,
      });
    } catch (error) {
      if (!(error instanceof ReadingListRuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
    }
    return reply.redirect(back);
  });

  app.post('/:id/items/:evidenceId', async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, evidenceId } = request.params as { id: string; evidenceId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = formText(body.action, 'note');
    if (action === 'note') {
      const parsed = readingItemSchema.pick({ note: true }).safeParse(body);
      if (!parsed.success) return reply.status(400).page('reading-lists/views/show.njk', await listPage(request, formErrorsFrom(parsed.error)));
      await updateReadingItem(db, ctx, id, evidenceId, { note: parsed.data.note });
    } else if (action === 'up' || action === 'down') await updateReadingItem(db, ctx, id, evidenceId, { move: action });
    else if (action === 'remove') await updateReadingItem(db, ctx, id, evidenceId, { remove: true });
    else
      return reply
        .status(400)
        .page('reading-lists/views/show.njk', await listPage(request, fieldError('items', 'That change is not one the list understands.')));
    setFlash(reply, { kind: 'success', text: action === 'remove' ? 'Removed from the list.' : action === 'note' ? 'Saved the note.' : 'Moved.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/lists/${id}#item-${evidenceId}`);
  });
};
