import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaces } from '../../core/db/tables.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import { linkedTitles, versionOf } from './queries.ts';
import { publicPageParams } from '../../core/http/route-schemas.ts';
import { guides } from './tables.ts';

/**
 * A published guide at its public address, for authorities not on the
 * programme: readable without an account, printable, with its version and
 * date. An unpublished guide, or a guessed address, is a plain 404.
 */
export const publicGuideRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get('/public/:workspaceSlug/guides/:slug', { schema: { params: publicPageParams } }, async (request, reply) => {
    const [found] = await db
      .select({ guide: guides, workspace: workspaces.name })
      .from(guides)
      .innerJoin(workspaces, eq(workspaces.id, guides.workspaceId))
      .where(and(eq(workspaces.slug, request.params.workspaceSlug), eq(guides.slug, request.params.slug)));
    if (!found?.guide.publishedVersion) throw new NotFoundError();
    const { guide } = found;
    const version = await versionOf(db, guide.workspaceId, guide.id, guide.publishedVersion!);
    if (!version) throw new NotFoundError();
    const titles = await linkedTitles(db, guide.workspaceId, version.content);
    // Only what the publish check allowed: published lessons and the library's items, by title.
    const named = (ids: string[]) => ids.flatMap((id) => (titles.get(id) && titles.get(id)!.status === 'published' ? [titles.get(id)!.title] : []));
    return reply.header('cache-control', 'public, max-age=300').page('guides/views/public.njk', {
      title: version.content.title,
      workspaceName: found.workspace,
      guide,
      version,
      summaryHtml: renderMarkdown(version.content.summary),
      sections: version.content.sections.map((section, s) => ({
        ...section,
        number: s + 1,
        steps: section.steps.map((step, i) => ({
          ...step,
          number: `${s + 1}.${i + 1}`,
          html: renderMarkdown(step.guidance),
          links: named([...step.lessonIds, ...step.evidenceIds]),
        })),
      })),
    });
  });
};
