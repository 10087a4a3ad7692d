import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findOrganisation } from './queries.ts';
import { organisationKinds, organisations } from './tables.ts';

const organisationResource = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  parentId: z.uuid().nullable(),
  region: z.string(),
  website: z.string(),
  description: z.string(),
});
const asResource = (row: typeof organisations.$inferSelect) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parentId,
  region: row.region,
  website: row.website,
  description: row.description,
});

export const organisationsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Organisations'];

  app.get(
    '/organisations',
    { schema: { tags, summary: 'List organisations', querystring: listQuery, response: { 200: listOf(organisationResource), ...commonProblems } } },
    async (request) => {
      const page = await pageById(db, organisations, workspaceContext(request).workspace.id, request.query);
      return { data: page.data.map(asResource), next: page.next };
    },
  );

  app.get(
    '/organisations/:id',
    { schema: { tags, summary: 'Get an organisation', params: idParams, response: { 200: organisationResource, ...commonProblems } } },
    async (request) => {
      const organisation = await findOrganisation(db, workspaceContext(request).workspace.id, request.params.id);
      if (!organisation) throw new NotFoundError('There is no such organisation in this workspace.');
      return asResource(organisation);
    },
  );
};
