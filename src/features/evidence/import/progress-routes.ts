import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pathParams } from '../../../core/http/route-schemas.ts';
import { readImportProgress } from './import-queries.ts';

const progressParams = pathParams({ workspaceId: idParam, token: z.string().max(200) });

/**
 * How far an import has got, by the random token its progress page holds:
 * counts only, no session (and on PGlite, while the import's transaction holds
 * the only connection, no database). Registered outside the workspace scope.
 */
export const importProgressRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  app.get('/import-progress/:workspaceId/:token', { schema: { params: progressParams } }, async (request, reply) => {
    const progress = await readImportProgress(database, request.params.workspaceId, request.params.token);
    if (!progress) return reply.status(404).header('cache-control', 'no-store').send({ error: 'No import has that progress address.' });
    return reply.header('cache-control', 'no-store').send(progress);
  });
};
