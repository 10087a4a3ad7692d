import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { deleteTopic } from './delete-topic.ts';
import { topicPolicy } from './policy.ts';
import { findTopic, listTopics } from './queries.ts';
import { saveTopic } from './save-topic.ts';
import { topicSchema } from './schemas.ts';

export const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  const listPage = async (request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors) => {
    const ctx = workspaceContext(request);
    return {
      title: 'Topics',
      topics: await listTopics(db, ctx.workspace.id),
      canManage: topicPolicy.manage(ctx.member),
      values,
      errors,
    };
  };

  app.get('/', async (request, reply) => reply.page('topics/views/list.njk', await listPage(request, {}, noErrors)));

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    return submitForm(reply, {
      schema: topicSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('topics/views/list.njk', await listPage(request, request.body, errors)),
      save: (input) => saveTopic(db, ctx, input),
      done: (_id, input) => ({ to: `/w/${ctx.workspace.slug}/topics`, flash: `Added the topic “${input.name}”.` }),
    });
  });

  app.get('/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    const topic = await findTopic(db, ctx.workspace.id, request.params.id);
    if (!topic) throw new NotFoundError();
    return reply.page('topics/views/edit.njk', { title: `Edit ${topic.name}`, topic, values: topic, errors: noErrors });
  });

  app.post('/:id/edit', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(topicPolicy.manage(ctx.member));
    const topic = await findTopic(db, ctx.workspace.id, request.params.id);
    if (!topic) throw new NotFoundError();
    return submitForm(reply, {
      schema: topicSchema,
      body: request.body,
      redisplay: (errors) => reply.page('topics/views/edit.njk', { title: `Edit ${topic.name}`, topic, values: request.body, errors }),
      save: (input) => saveTopic(db, ctx, input, topic.id),
      done: (_id, input) => ({ to: `/w/${ctx.workspace.slug}/topics`, flash: `Saved the topic “${input.name}”.` }),
    });
  });

  app.post('/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deleteTopic(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `Deleted the topic “${name}”. It has been removed from everyone tagged with it.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/topics`);
  });
};
