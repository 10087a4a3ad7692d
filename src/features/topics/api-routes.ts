import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findTopic } from './queries.ts';
import { saveTopic } from './save-topic.ts';
import { topicSchema } from './schemas.ts';
import { topics } from './tables.ts';

const topicResource = z.object({ id: z.uuid(), name: z.string(), description: z.string() });
const topicBody = z.object({ name: z.string(), description: z.string().optional() });
const asResource = (row: { id: string; name: string; description: string }) => ({ id: row.id, name: row.name, description: row.description });

export const topicsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Topics'];

  app.get(
    '/topics',
    { schema: { tags, summary: 'List topics', querystring: listQuery, response: { 200: listOf(topicResource), ...commonProblems } } },
    async (request) => {
      const page = await pageById(db, topics, workspaceContext(request).workspace.id, request.query);
      return { data: page.data.map(asResource), next: page.next };
    },
  );

  app.get(
    '/topics/:id',
    { schema: { tags, summary: 'Get a topic', params: idParams, response: { 200: topicResource, ...commonProblems } } },
    async (request) => {
      const topic = await findTopic(db, workspaceContext(request).workspace.id, request.params.id);
      if (!topic) throw new NotFoundError('There is no such topic in this workspace.');
      return asResource(topic);
    },
  );

  app.post(
    '/topics',
    { schema: { tags, summary: 'Add a topic', body: topicBody, response: { 201: topicResource, ...commonProblems, 409: commonProblems[400] } } },
    async (request, reply) => {
      const ctx = workspaceContext(request);
      const id = await saveTopic(db, ctx, topicSchema.parse({ description: '', ...request.body }));
      const topic = await findTopic(db, ctx.workspace.id, id);
      return reply.code(201).header('location', `/api/v1/topics/${id}`).send(asResource(topic!));
    },
  );
};
