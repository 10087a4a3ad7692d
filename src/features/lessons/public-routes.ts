import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaces } from '../../core/db/tables.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import { publicPageParams } from '../../core/http/route-schemas.ts';
import { programmes } from '../programmes/tables.ts';
import { lessons, publicLessonSets } from './tables.ts';
import { strengthOf } from './strength.ts';

/** A programme's published lessons at their public address: the lessons themselves, never where they came from. */
export const publicLessonRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get('/public/:workspaceSlug/lessons/:slug', { schema: { params: publicPageParams } }, async (request, reply) => {
    const [found] = await db
      .select({ set: publicLessonSets, workspace: workspaces.name, programme: programmes.name })
      .from(publicLessonSets)
      .innerJoin(workspaces, eq(workspaces.id, publicLessonSets.workspaceId))
      .innerJoin(programmes, and(eq(programmes.workspaceId, publicLessonSets.workspaceId), eq(programmes.id, publicLessonSets.programmeId)))
      .where(and(eq(workspaces.slug, request.params.workspaceSlug), eq(publicLessonSets.slug, request.params.slug)));
    if (!found) throw new NotFoundError();
    const shown = await db
      .select()
      .from(lessons)
      .where(and(eq(lessons.workspaceId, found.set.workspaceId), eq(lessons.programmeId, found.set.programmeId), eq(lessons.status, 'published')))
      .orderBy(lessons.title);
    return reply.header('cache-control', 'public, max-age=300').page('lessons/views/public.njk', {
      title: `Lessons from ${found.programme}`,
      workspaceName: found.workspace,
      programme: found.programme,
      publishedAt: found.set.publishedAt,
      lessons: shown.map((lesson) => ({
        ...lesson,
        strength: strengthOf(lesson),
        html: {
          recommendation: renderMarkdown(lesson.recommendation),
          whatHappened: renderMarkdown(lesson.whatHappened),
          whatWorked: renderMarkdown(lesson.whatWorked),
        },
      })),
    });
  });
};
