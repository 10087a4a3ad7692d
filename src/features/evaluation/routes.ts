import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { optionalText, requiredText } from '../../core/http/fields.ts';
import { loadProgramme, programmeIdFrom, type ProgrammeRequest } from '../programmes/load.ts';
import { deleteDomain, deleteQuestion, saveDomain, saveQuestion, useDefaultFramework } from './question-bank.ts';
import { domainsOf, EvaluationRuleError, questionsOf, surveysOf, waveLabels } from './survey-queries.ts';
import { ownSurveyLink } from './survey-links.ts';
import { questionKinds } from './tables.ts';
import { loadManagedEvaluation } from './access.ts';
import { questionKindLabels, questionSchema } from './schemas.ts';

/** The evaluation's overview, its outcome framework and its question bank. */
export const evaluationRoutes: FastifyPluginAsync = async (app) => {
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
            .map(async (s) => ({ ...s, mine: await ownSurveyLink(db, config.sessionSecret, s.survey.id, loaded.ctx.member.personId) })),
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

  app.get('/:programmeId/evaluation', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
    if (!loaded.canManage && !loaded.isParticipant) throw new ForbiddenError('The evaluation is for the programme’s cohort and the people running it.');
    return reply.page('evaluation/views/overview.njk', await overview(loaded));
  });

  app.post('/:programmeId/evaluation/framework', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    try {
      await useDefaultFramework(db, loaded.ctx, loaded.access, loaded.programme.id);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return redirectWithFlash(reply, `${loaded.base}/evaluation` + '', error.message, 'important');
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '', 'Added the five Mobilise outcome domains and their questions. Change them as you need.');
  });

  app.post('/:programmeId/evaluation/domains', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' && body.id ? body.id : undefined;
    if (body.action === 'delete' && id) {
      const name = await deleteDomain(db, loaded.ctx, loaded.access, loaded.programme.id, id);
      return redirectWithFlash(reply, `${loaded.base}/evaluation` + '', `Removed the domain “${name}”. Its questions are kept.`);
    }
    const parsed = z.object({ name: requiredText('the domain’s name', 200), description: optionalText('description', 1000) }).safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/overview.njk', await overview(loaded, formErrorsFrom(parsed.error)));
    await saveDomain(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data, id);
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '', `Saved the domain “${parsed.data.name}”.`);
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

  app.get('/:programmeId/evaluation/questions/new', async (request, reply) =>
    reply.page('evaluation/views/question-form.njk', await questionForm(await loadManagedEvaluation(request), { kind: 'likert', scalePoints: '5' }, noErrors)),
  );

  app.post('/:programmeId/evaluation/questions', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = questionSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, formErrorsFrom(parsed.error)));
    try {
      await saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError(error.field, error.message)));
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '#questions', 'Added the question.');
  });

  app.get('/:programmeId/evaluation/questions/:questionId/edit', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const { questionId } = request.params as { questionId: string };
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

  app.post('/:programmeId/evaluation/questions/:questionId/edit', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const { questionId } = request.params as { questionId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.action === 'delete') {
      try {
        await deleteQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, questionId);
      } catch (error) {
        if (!(error instanceof EvaluationRuleError)) throw error;
        return reply
          .status(400)
          .page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError('questions', error.message), questionId));
      }
      return redirectWithFlash(reply, `${loaded.base}/evaluation` + '#questions', 'Deleted the question.');
    }
    const parsed = questionSchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, formErrorsFrom(parsed.error), questionId));
    try {
      await saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data, questionId);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError(error.field, error.message), questionId));
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '#questions', 'Saved the question.');
  });
};
