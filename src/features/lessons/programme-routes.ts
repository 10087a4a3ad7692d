import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParam, pathParams } from '../../core/http/route-schemas.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { programmeTopicNames } from '../programmes/queries.ts';
import { programmeParams } from '../programmes/schemas.ts';
import { decideForProgramme } from './decide-for-programme.ts';
import { decisionsOf, lessonsFor } from './queries.ts';
import { relevantLessons } from './relevant-lessons.ts';
import { decisionSchema } from './schemas.ts';
import { lessonSetCheck, publishLessonSet } from './publish-lessons.ts';
import { lessonPolicy } from './policy.ts';
import { publicLessonSets } from './tables.ts';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { strengthOf } from './strength.ts';

const decisionParams = pathParams({ programmeId: idParam, lessonId: idParam });
const publicBody = z.looseObject({ action: z.enum(['publish', 'unpublish']).catch('publish') });

/**
 * A programme's lessons: those past programmes learned that fit it best, for
 * its team to apply, set aside or discuss; and those drawn from its own work.
 */
export const programmeLessonRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function lessonsPage(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors) {
    const { programme, ctx } = loaded;
    const workspaceId = ctx.workspace.id;
    const topicNames = (await programmeTopicNames(db, workspaceId, programme.id)).map((t) => t.name);
    const text = [programme.name, programme.summary, programme.aims, ...topicNames].join('\n\n');
    const canPublish = lessonPolicy.review(ctx.member) && loaded.canManage;
    const [offered, decisions, own, check, published] = await Promise.all([
      relevantLessons(db, workspaceId, ctx.member, text, { topicNames, excludeProgrammeId: programme.id, limit: 12 }),
      decisionsOf(db, workspaceId, programme.id),
      lessonsFor(db, workspaceId, ctx.member, { programmeId: programme.id }),
      canPublish ? lessonSetCheck(db, workspaceId, programme.id) : undefined,
      db
        .select()
        .from(publicLessonSets)
        .where(and(eq(publicLessonSets.workspaceId, workspaceId), eq(publicLessonSets.programmeId, programme.id))),
    ]);
    return {
      ...loaded,
      title: `Lessons – ${programme.name}`,
      section: 'lessons',
      offered: offered.map((lesson) => ({ ...lesson, strength: strengthOf(lesson), decision: decisions.get(lesson.id) ?? null })),
      own: own.map((lesson) => ({ ...lesson, strength: strengthOf(lesson) })),
      canPublish,
      check,
      publicUrl: published[0] ? `${app.deps.config.publicUrl}/public/${ctx.workspace.slug}/lessons/${published[0].slug}` : null,
      values,
      errors,
    };
  }

  app.get('/:programmeId/lessons', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('lessons/views/programme.njk', await lessonsPage(await loadProgramme(request, request.params.programmeId), {}, noErrors)),
  );

  app.post('/:programmeId/lessons/public', { schema: { params: programmeParams, body: publicBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const publish = request.body.action === 'publish';
    return submitAction(reply, {
      back: `${loaded.base}/lessons`,
      run: () => publishLessonSet(db, loaded.ctx, loaded.programme.id, publish),
      done: () => ({
        flash: publish
          ? 'Published: anyone with the address can read this programme’s lessons.'
          : 'Taken down: the public address no longer shows the lessons.',
      }),
    });
  });

  app.post('/:programmeId/lessons/:lessonId/decision', { schema: { params: decisionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const { lessonId } = request.params;
    return submitForm(reply, {
      schema: decisionSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page(
          'lessons/views/programme.njk',
          await lessonsPage(
            loaded,
            { ...request.body, lessonId },
            { ...errors, list: errors.list.map((item) => ({ ...item, href: `#decision-${lessonId}` })) },
          ),
        ),
      save: (input) => decideForProgramme(db, loaded.ctx, loaded.programme.id, lessonId, input),
      done: (_, input) => ({
        to: `${loaded.base}/lessons#lesson-${lessonId}`,
        flash:
          input.decision === 'applied'
            ? 'Marked as applied: the lesson now shows that this programme used it.'
            : input.decision === 'discuss'
              ? 'Marked to discuss with the team.'
              : 'Marked as not relevant to this programme.',
      }),
    });
  });
};
