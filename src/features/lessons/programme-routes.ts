import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParam, pathParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { programmeTopicNames } from '../programmes/queries.ts';
import { programmeParams } from '../programmes/schemas.ts';
import { decideForProgramme } from './decide-for-programme.ts';
import { decisionsOf, lessonsFor } from './queries.ts';
import { relevantLessons } from './relevant-lessons.ts';
import { decisionSchema } from './schemas.ts';
import { strengthOf } from './strength.ts';

const decisionParams = pathParams({ programmeId: idParam, lessonId: idParam });

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
    const [offered, decisions, own] = await Promise.all([
      relevantLessons(db, workspaceId, ctx.member, text, { topicNames, excludeProgrammeId: programme.id, limit: 12 }),
      decisionsOf(db, workspaceId, programme.id),
      lessonsFor(db, workspaceId, ctx.member, { programmeId: programme.id }),
    ]);
    return {
      ...loaded,
      title: `Lessons – ${programme.name}`,
      section: 'lessons',
      offered: offered.map((lesson) => ({ ...lesson, strength: strengthOf(lesson), decision: decisions.get(lesson.id) ?? null })),
      own: own.map((lesson) => ({ ...lesson, strength: strengthOf(lesson) })),
      values,
      errors,
    };
  }

  app.get('/:programmeId/lessons', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('lessons/views/programme.njk', await lessonsPage(await loadProgramme(request, request.params.programmeId), {}, noErrors)),
  );

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
