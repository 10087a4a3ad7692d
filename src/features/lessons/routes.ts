import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { londonToday } from '../../core/dates.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, queryChoice, queryOf, queryText } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import { findPerson } from '../people/queries.ts';
import { findProgramme, programmeOptions } from '../programmes/queries.ts';
import { searchRanked } from '../search/search.ts';
import { topicOptions } from '../topics/queries.ts';
import { changeLessonStatus } from './change-lesson-status.ts';
import { lessonPolicy } from './policy.ts';
import { promoteToLesson } from './promote-to-lesson.ts';
import { applicationsOf, findLesson, lessonsFor, sourcesOf, topicsOf, type Lesson } from './queries.ts';
import { memberOptions } from '../people/queries.ts';
import { relevantLessons } from './relevant-lessons.ts';
import { matchingSteps } from '../guides/step-matches.ts';
import { saveLesson } from './save-lesson.ts';
import { lessonParams, lessonSchema, lessonStatusSchema, promoteSchema } from './schemas.ts';
import { LESSON_KIND } from './search-text.ts';
import { strengthOf } from './strength.ts';
import { lessonStatuses } from './tables.ts';

const listQuery = queryOf({ q: queryText(500), status: queryChoice([...lessonStatuses, 'due'] as const) });
const matchesQuery = queryOf({ text: queryText(4000) });

/** Lessons: the list and search, each lesson with its provenance and where it was applied, writing and reviewing them, and drawing them from the work. */
export const lessonRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get('/', { schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { q, status } = request.query;
    const today = londonToday();
    const ids = q ? (await searchRanked(db, ctx.workspace.id, q, { kinds: [LESSON_KIND], limit: 100 })).map((hit) => hit.sourceId) : undefined;
    const staff = lessonPolicy.seeUnpublished(ctx.member);
    const shown = status === 'due' ? { dueBy: today } : status ? { status } : staff ? {} : { status: 'published' as const };
    const [lessons, due] = await Promise.all([
      lessonsFor(db, ctx.workspace.id, ctx.member, { ids, ...shown }),
      staff ? lessonsFor(db, ctx.workspace.id, ctx.member, { dueBy: today }) : [],
    ]);
    return reply.page('lessons/views/list.njk', {
      title: 'Lessons',
      q,
      status: status ?? '',
      lessons: lessons.map((lesson) => ({
        ...lesson,
        strength: strengthOf(lesson),
        due: lesson.status === 'published' && !!lesson.reviewDueOn && lesson.reviewDueOn <= today,
      })),
      dueCount: due.length,
      staff,
      canCreate: lessonPolicy.create(ctx.member),
    });
  });

  /** Close published lessons and guide steps for a text being written (a return's challenges, a support request): "others met this". */
  app.get('/matches', { schema: { querystring: matchesQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const [matches, steps] = await Promise.all([
      relevantLessons(db, ctx.workspace.id, ctx.member, request.query.text, { limit: 3 }),
      matchingSteps(db, ctx.workspace.id, request.query.text),
    ]);
    return reply.header('cache-control', 'private, no-store').fragment('lessons/views/_matches.njk', { matches, steps });
  });

  async function formPage(request: FastifyRequest, lesson: Lesson | undefined, values: Record<string, unknown>, errors: FormErrors) {
    const ctx = workspaceContext(request);
    const [programmeItems, topicItems, ownerItems] = await Promise.all([
      programmeOptions(db, ctx.workspace.id),
      topicOptions(db, ctx.workspace.id),
      memberOptions(db, ctx.workspace.id),
    ]);
    return { title: lesson ? `Change “${lesson.title}”` : 'Write a lesson', lesson, programmeItems, topicItems, ownerItems, values, errors };
  }

  app.get('/new', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(lessonPolicy.create(ctx.member), 'Only facilitators, administrators and experts write lessons.');
    return reply.page('lessons/views/form.njk', await formPage(request, undefined, { topicIds: [], revision: 0 }, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    return submitForm(reply, {
      schema: lessonSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('lessons/views/form.njk', await formPage(request, undefined, request.body, errors)),
      save: (input) => saveLesson(db, ctx, input),
      done: (id) => ({
        to: `/w/${ctx.workspace.slug}/lessons/${id}`,
        flash: 'The lesson is saved as a draft. A facilitator reviews it before it is published.',
      }),
    });
  });

  app.post('/promote', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = promoteSchema.safeParse(request.body);
    if (!parsed.success) throw new NotFoundError('That record could not be found.');
    const back = typeof request.headers.referer === 'string' ? new URL(request.headers.referer, 'http://x').pathname : `/w/${ctx.workspace.slug}/lessons`;
    return submitAction(reply, {
      back,
      run: () => promoteToLesson(db, ctx, parsed.data),
      done: (id) => ({
        to: `/w/${ctx.workspace.slug}/lessons/${id}/edit`,
        flash: 'A draft lesson is started from it, with where it came from. Shape it into a recommendation the next team can act on.',
      }),
    });
  });

  async function loadLesson(request: FastifyRequest, lessonId: string) {
    const ctx = workspaceContext(request);
    const lesson = await findLesson(db, ctx.workspace.id, lessonId);
    // A lesson someone may not read is a page that does not exist to them.
    if (!lesson || !lessonPolicy.view(ctx.member, lesson)) throw new NotFoundError();
    return { ctx, lesson };
  }

  app.get('/:lessonId', { schema: { params: lessonParams } }, async (request, reply) => {
    const { ctx, lesson } = await loadLesson(request, request.params.lessonId);
    const workspaceId = ctx.workspace.id;
    const [topics, sources, applications, programme, owner, reviewer] = await Promise.all([
      topicsOf(db, workspaceId, lesson.id),
      sourcesOf(db, workspaceId, lesson.id),
      applicationsOf(db, workspaceId, lesson.id),
      lesson.programmeId ? findProgramme(db, workspaceId, lesson.programmeId) : undefined,
      lesson.ownerPersonId ? findPerson(db, workspaceId, lesson.ownerPersonId) : undefined,
      lesson.reviewedByPersonId ? findPerson(db, workspaceId, lesson.reviewedByPersonId) : undefined,
    ]);
    const today = londonToday();
    return reply.page('lessons/views/lesson.njk', {
      title: lesson.title,
      lesson,
      programme: programme?.name ?? null,
      owner: owner?.fullName ?? null,
      reviewer: reviewer?.fullName ?? null,
      topics,
      sources: sources.map((source) => ({ ...source, excerptHtml: renderMarkdown(source.excerpt) })),
      applied: applications.filter((a) => a.decision === 'applied'),
      html: {
        whatHappened: renderMarkdown(lesson.whatHappened),
        whatWorked: renderMarkdown(lesson.whatWorked),
        recommendation: renderMarkdown(lesson.recommendation),
      },
      strength: strengthOf(lesson),
      due: lesson.status === 'published' && !!lesson.reviewDueOn && lesson.reviewDueOn <= today,
      canEdit: lessonPolicy.edit(ctx.member, lesson),
      canReview: lessonPolicy.review(ctx.member),
    });
  });

  app.get('/:lessonId/edit', { schema: { params: lessonParams } }, async (request, reply) => {
    const { ctx, lesson } = await loadLesson(request, request.params.lessonId);
    authorize(lessonPolicy.edit(ctx.member, lesson), 'Only the workspace’s facilitators and the lesson’s owner change it.');
    const topics = await topicsOf(db, ctx.workspace.id, lesson.id);
    const values = {
      ...lesson,
      phase: lesson.phase ?? '',
      sitesSeen: lesson.sitesSeen ?? '',
      programmesSeen: lesson.programmesSeen ?? '',
      evaluated: lesson.evaluated ? 'yes' : '',
      topicIds: topics.map((t) => t.id),
      reviewDueOn: lesson.reviewDueOn ?? '',
    };
    return reply.page('lessons/views/form.njk', await formPage(request, lesson, values, noErrors));
  });

  app.post('/:lessonId/edit', { schema: { params: lessonParams, body: formBody } }, async (request, reply) => {
    const { ctx, lesson } = await loadLesson(request, request.params.lessonId);
    return submitForm(reply, {
      schema: lessonSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('lessons/views/form.njk', await formPage(request, await findLesson(db, ctx.workspace.id, lesson.id), request.body, errors)),
      save: (input) => saveLesson(db, ctx, input, lesson.id),
      done: () => ({ to: `/w/${ctx.workspace.slug}/lessons/${lesson.id}`, flash: 'The lesson is changed.' }),
    });
  });

  app.post('/:lessonId/status', { schema: { params: lessonParams, body: formBody } }, async (request, reply) => {
    const { ctx, lesson } = await loadLesson(request, request.params.lessonId);
    const back = `/w/${ctx.workspace.slug}/lessons/${lesson.id}`;
    const parsed = lessonStatusSchema.safeParse(request.body);
    const status = parsed.success ? parsed.data.status : lesson.status;
    const said = {
      draft: 'The lesson is back to draft.',
      reviewed: 'Marked as reviewed. Publish it when it is ready for every programme to find.',
      published: lesson.status === 'published' ? 'Reviewed again: the lesson stands for another year.' : 'Published: later programmes will be offered it.',
    };
    return submitAction(reply, {
      back,
      run: () => changeLessonStatus(db, ctx, lesson.id, status),
      done: (now) => ({ flash: said[now] }),
    });
  });
};
