import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findEvidence } from './queries.ts';
import { evidenceItems, sourceTypes, strengthRatings } from './tables.ts';

const evidenceResource = z.object({
  id: z.uuid(),
  sourceType: z.enum(sourceTypes),
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().int().nullable(),
  publisher: z.string(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  url: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
  summary: z.string(),
  policyImplications: z.string(),
  population: z.string(),
  geography: z.string(),
  strength: z.enum(strengthRatings).nullable(),
  studyDesign: z.string(),
  updatedAt: z.string(),
});

const asResource = (row: typeof evidenceItems.$inferSelect) => ({
  id: row.id,
  sourceType: row.sourceType,
  title: row.title,
  authors: row.authors,
  year: row.year,
  publisher: row.publisher,
  doi: row.doi,
  pmid: row.pmid,
  url: row.url,
  abstract: row.abstract,
  keywords: row.keywords,
  summary: row.summary,
  policyImplications: row.policyImplications,
  population: row.population,
  geography: row.geography,
  strength: row.strength,
  studyDesign: row.studyDesign,
  updatedAt: isoDate(row.updatedAt)!,
});

export const evidenceApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Evidence'];

  app.get(
    '/evidence',
    { schema: { tags, summary: 'List the evidence library', querystring: listQuery, response: { 200: listOf(evidenceResource), ...commonProblems } } },
    async (request) => {
      const page = await pageById(db, evidenceItems, workspaceContext(request).workspace.id, request.query);
      return { data: page.data.map(asResource), next: page.next };
    },
  );

  app.get(
    '/evidence/:id',
    { schema: { tags, summary: 'Get an evidence item', params: idParams, response: { 200: evidenceResource, ...commonProblems } } },
    async (request) => {
      const item = await findEvidence(db, workspaceContext(request).workspace.id, request.params.id);
      if (!item) throw new NotFoundError('There is no such item in this workspace’s library.');
      return asResource(item);
    },
  );
};
