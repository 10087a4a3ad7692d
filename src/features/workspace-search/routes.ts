import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { queryChoice, queryOf, queryText } from '../../core/http/route-schemas.ts';
import { resultKindLabels, resultKinds, searchEverything } from './search-everything.ts';

const searchQuery = queryOf({ q: queryText(500), kind: queryChoice(resultKinds) });

/** The one search box: everything in the workspace this person may see, in one ranked list. */
export const workspaceSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get('/', { schema: { querystring: searchQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { q, kind } = request.query;
    const found = q ? await searchEverything(db, ctx.workspace.id, ctx.member, q, kind) : undefined;
    return reply.page('workspace-search/views/search.njk', {
      title: q ? `Search: ${q}` : 'Search',
      q,
      kind,
      found,
      kinds: resultKinds.map((value) => ({ value, text: resultKindLabels[value], count: found?.counts[value] ?? 0 })),
      labels: resultKindLabels,
    });
  });
};
