import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { programmeParams } from '../programmes/schemas.ts';
import { loadManagedEvaluation } from './access.ts';
import { deleteDomain } from './delete-domain.ts';
import { deleteQuestion } from './delete-question.ts';
import { saveDomain } from './save-domain.ts';
import { saveQuestion } from './save-question.ts';
import { deleteActionSchema, domainActionSchema, domainSchema, questionKindLabels, questionParams, questionSchema } from './schemas.ts';
import { domainsOf, questionsOf, surveysOf, waveLabels } from './survey-queries.ts';
import { ownSurveyLink } from './survey-links.ts';
import { questionKinds } from './tables.ts';
import { useDefaultFramework } from './use-default-framework.ts';

/** The evaluation's overview, its outcome framework and its question bank. */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  async function overview(loaded: ProgrammeRequest, errors: FormErrors = noErrors) {
    const workspaceId = loaded.ctx.workspace.id;
    const [domains, questions, surveyList] = await Promise.all([
      domainsOf(db, workspaceId, loaded.programme.id),
      questionsOf(db, workspaceId, loaded.programme.id),
      surveysOf(db, workspaceId, loaded.programme.id),
    ]);
    const myLinks = loaded.isParticipant
      ? await Promise.all(
          surveyList
            .filter((s) => s.survey.status === 'open')
            .map(async (s) => ({ ...s, mine: await ownSurveyLink(db, config.sessionSecret, workspaceId, s.survey.id, loaded.ctx.member.personId) })),
        )
      : [];
    return {
      ...loaded,
      title: `Evaluation – ${loaded.programme.name}`,
      domains,
      questions: questions.map((row) => ({ ...row.question, answers: row.answers, domainName: domains.find((d) => d.id === row.question.domainId)?.name })),
      surveys: surveyList,
      myLinks,
      waveLabels,
      questionKindLabels,
      errors,
    };
  }

  app.get('/:programmeId/evaluation', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    if (!loaded.canManage && !loaded.isParticipant) throw new ForbiddenError('The evaluation is for the programme’s cohort and the people running it.');
    return reply.page('evaluation/views/overview.njk', await overview(loaded));
  });

  app.post('/:programmeId/evaluation/framework', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    try {
      await useDefaultFramework(db, loaded.ctx, loaded.access, loaded.programme.id);
    } catch (error) {
      // A button above the framework, not a form: what is wrong shows in the banner.
      if (!(error instanceof RuleError)) throw error;
      return redirectWithFlash(reply, `${loaded.base}/evaluation`, error.message, 'important');
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation`, 'Added the five Mobilise outcome domains and their questions. Change them as you need.');
  });

  app.post('/:programmeId/evaluation/domains', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const target = domainActionSchema.safeParse(request.body);
    if (!target.success) throw new NotFoundError();
    const { id, action } = target.data;
    if (action === 'delete' && id) {
      const name = await deleteDomain(db, loaded.ctx, loaded.access, loaded.programme.id, id);
      return redirectWithFlash(reply, `${loaded.base}/evaluation`, `Removed the domain “${name}”. Its questions are kept.`);
    }
    return submitForm(reply, {
      schema: domainSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evaluation/views/overview.njk', await overview(loaded, errors)),
      save: (input) => saveDomain(db, loaded.ctx, loaded.access, loaded.programme.id, input, id),
      done: (_id, input) => ({ to: `${loaded.base}/evaluation`, flash: `Saved the domain “${input.name}”.` }),
    });
  });

  async function questionForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, questionId?: string) {
    const domains = await domainsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return {
      ...loaded,
      title: questionId ? 'Edit question' : 'Add a question',
      questionId,
      values,
      errors,
      kindItems: questionKinds.map((value) => ({ value, text: questionKindLabels[value] })),
      domainItems: domains.map((d) => ({ value: d.id, text: d.name })),
    };
  }

  app.get('/:programmeId/evaluation/questions/new', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page(
      'evaluation/views/question-form.njk',
      await questionForm(await loadManagedEvaluation(request, request.params.programmeId), { kind: 'likert', scalePoints: '5' }, noErrors),
    ),
  );

  app.post('/:programmeId/evaluation/questions', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    return submitForm(reply, {
      schema: questionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evaluation/views/question-form.njk', await questionForm(loaded, request.body, errors)),
      save: (input) => saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: () => ({ to: `${loaded.base}/evaluation#questions`, flash: 'Added the question.' }),
    });
  });

  app.get('/:programmeId/evaluation/questions/:questionId/edit', { schema: { params: questionParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const { questionId } = request.params;
    const found = (await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id)).find((row) => row.question.id === questionId);
    if (!found) throw new NotFoundError();
    const q = found.question;
    return reply.page(
      'evaluation/views/question-form.njk',
      await questionForm(
        loaded,
        { ...q, scalePoints: String(q.scalePoints ?? 5), options: q.options.join('\n'), measuresPracticeChange: q.measuresPracticeChange ? 'yes' : '' },
        noErrors,
        q.id,
      ),
    );
  });

  app.post('/:programmeId/evaluation/questions/:questionId/edit', { schema: { params: questionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const { questionId } = request.params;
    const redisplay = async (errors: FormErrors) =>
      reply.page('evaluation/views/question-form.njk', await questionForm(loaded, request.body, errors, questionId));
    if (deleteActionSchema.parse(request.body).action) {
      return submitForm(reply, {
        schema: deleteActionSchema,
        body: request.body,
        redisplay,
        save: () => deleteQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, questionId),
        done: () => ({ to: `${loaded.base}/evaluation#questions`, flash: 'Deleted the question.' }),
      });
    }
    return submitForm(reply, {
      schema: questionSchema,
      body: request.body,
      redisplay,
      save: (input) => saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, input, questionId),
      done: () => ({ to: `${loaded.base}/evaluation#questions`, flash: 'Saved the question.' }),
    });
  });
};
