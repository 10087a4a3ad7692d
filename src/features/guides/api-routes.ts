import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findGuide, versionOf } from './queries.ts';
import { guides } from './tables.ts';

const guideSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  version: z.number().int().describe('The latest version; every save adds one'),
  publishedVersion: z.number().int().nullable().describe('The version on its public page; null when it is not published'),
  reviewDueOn: z.string().nullable().describe('YYYY-MM-DD'),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const guideResource = guideSummary.extend({
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      steps: z.array(
        z.object({
          key: z.string().describe('Stays with the step across versions'),
          title: z.string(),
          guidance: z.string().describe('Markdown'),
          checklist: z.array(z.string()),
          lessonIds: z.array(z.uuid()),
          evidenceIds: z.array(z.uuid()),
        }),
      ),
    }),
  ),
});

const asSummary = (row: typeof guides.$inferSelect) => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  version: row.version,
  publishedVersion: row.publishedVersion,
  reviewDueOn: row.reviewDueOn,
  publishedAt: isoDate(row.publishedAt),
  updatedAt: isoDate(row.updatedAt)!,
});

/** Guides, which everyone in the workspace reads, as their pages show them: the latest version. */
export const guidesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Guides'];

  app.get(
    '/guides',
    { schema: { tags, summary: 'List guides', querystring: listQuery, response: { 200: listOf(guideSummary), ...commonProblems } } },
    async (request) => {
      const { workspace } = workspaceContext(request);
      const page = await pageById(db, guides, workspace.id, request.query);
      return { data: page.data.map(asSummary), next: page.next };
    },
  );

  app.get(
    '/guides/:id',
    {
      schema: {
        tags,
        summary: 'Get a guide',
        description: 'Its latest version, section by section and step by step.',
        params: idParams,
        response: { 200: guideResource, ...commonProblems },
      },
    },
    async (request) => {
      const { workspace } = workspaceContext(request);
      const guide = await findGuide(db, workspace.id, request.params.id);
      if (!guide) throw new NotFoundError('There is no such guide in this workspace.');
      const latest = await versionOf(db, workspace.id, guide.id, guide.version);
      return { ...asSummary(guide), sections: latest?.content.sections ?? [] };
    },
  );
};
