import type { FastifyPluginAsync } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { topicPolicy } from './policy.ts';
import { findTopic, listTopics } from './queries.ts';
import { deleteTopic, DuplicateTopicError, saveTopic } from './save-topic.ts';
import { topicSchema } from './schemas.ts';

const DUPLICATE = 'There is already a topic with that name';

export const topicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  const showList = async (request: Parameters<typeof workspaceContext>[0], values: Record<string, unknown>, errors: FormErrors) => {
    const ctx = workspaceContext(request);
    return {
      title: 'Topics',
      topics: await listTopics(db, ctx.workspace.id),
      canManage: topicPolicy.manage(ctx.member),
      values,
      errors,
    };
  };

  app.get('/', async (request, reply) => reply.page('topics/views/list.njk', await showList(request, {}, noErrors)));

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = topicSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('topics/views/list.njk', await showList(request, body, formErrorsFrom(parsed.error)));
    try {
      await saveTopic(db, ctx, parsed.data);
    } catch (error) {
      if (!(error instanceof DuplicateTopicError)) throw error;
      return reply.status(409).page('topics/views/list.njk', await showList(request, body, fieldError('name', DUPLICATE)));
    }
    setFlash(reply, { kind: 'success', text: `Added the topic “${parsed.data.name}”.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/topics`);
  });

  app.get('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    const topic = await findTopic(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!topic) throw new NotFoundError();
    return reply.page('topics/views/edit.njk', { title: `Edit ${topic.name}`, topic, values: topic, errors: noErrors });
  });

  app.post('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    const topic = await findTopic(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!topic) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = topicSchema.safeParse(body);
    const show = (status: number, errors: FormErrors) =>
      reply.status(status).page('topics/views/edit.njk', { title: `Edit ${topic.name}`, topic, values: body, errors });
    if (!parsed.success) return show(400, formErrorsFrom(parsed.error));
    try {
      await saveTopic(db, ctx, parsed.data, topic.id);
    } catch (error) {
      if (!(error instanceof DuplicateTopicError)) throw error;
      return show(409, fieldError('name', DUPLICATE));
    }
    setFlash(reply, { kind: 'success', text: `Saved the topic “${parsed.data.name}”.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/topics`);
  });

  app.post('/:id/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deleteTopic(db, ctx, (request.params as { id: string }).id);
    setFlash(reply, { kind: 'success', text: `Deleted the topic “${name}”. It has been removed from everyone tagged with it.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/topics`);
  });
};
