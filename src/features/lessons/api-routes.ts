import { eq, or } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';

import { lessonPolicy } from './policy.ts';
import { findLesson } from './queries.ts';
import { lessonStatuses, lessons, programmePhases } from './tables.ts';

const lessonResource = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(lessonStatuses),
  programmeId: z.uuid().nullable(),
  phase: z.enum(programmePhases).nullable(),
  placeKind: z.string(),
  whatHappened: z.string(),
  whatWorked: z.string(),
  recommendation: z.string(),
  sitesSeen: z.number().int().nullable(),
  programmesSeen: z.number().int().nullable(),
  evaluated: z.boolean(),
  reviewDueOn: z.string().nullable().describe('The date (YYYY-MM-DD) the lesson is due to be looked at again'),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const asResource = (row: typeof lessons.$inferSelect) => ({
  id: row.id,
  title: row.title,
  status: row.status,
  programmeId: row.programmeId,
  phase: row.phase,
  placeKind: row.placeKind,
  whatHappened: row.whatHappened,
  whatWorked: row.whatWorked,
  recommendation: row.recommendation,
  sitesSeen: row.sitesSeen,
  programmesSeen: row.programmesSeen,
  evaluated: row.evaluated,
  reviewDueOn: row.reviewDueOn,
  publishedAt: isoDate(row.publishedAt),
  updatedAt: isoDate(row.updatedAt)!,
});

/** Lessons, as the lessons pages show them: published ones to everyone, drafts to the staff and their owners. */
export const lessonsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Lessons'];

  app.get(
    '/lessons',
    {
      schema: {
        tags,
        summary: 'List lessons',
        description: 'Published lessons, and those not yet published that the token’s owner curates or owns.',
        querystring: listQuery,
        response: { 200: listOf(lessonResource), ...commonProblems },
      },
    },
    async (request) => {
      const { workspace, member } = workspaceContext(request);
      const visible = lessonPolicy.seeUnpublished(member)
        ? undefined
        : member.personId
          ? or(eq(lessons.status, 'published'), eq(lessons.ownerPersonId, member.personId), eq(lessons.createdByPersonId, member.personId))
          : eq(lessons.status, 'published');
      const page = await pageById(db, lessons, workspace.id, request.query, visible);
      return { data: page.data.map(asResource), next: page.next };
    },
  );

  app.get(
    '/lessons/:id',
    { schema: { tags, summary: 'Get a lesson', params: idParams, response: { 200: lessonResource, ...commonProblems } } },
    async (request) => {
      const { workspace, member } = workspaceContext(request);
      const lesson = await findLesson(db, workspace.id, request.params.id);
      if (!lesson || !lessonPolicy.view(member, lesson)) throw new NotFoundError('There is no such lesson in this workspace.');
      return asResource(lesson);
    },
  );
};
