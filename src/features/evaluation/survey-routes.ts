import type { FastifyPluginAsync } from 'fastify';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { loadProgramme, programmeIdFrom, type ProgrammeRequest } from '../programmes/load.ts';
import { closeSurvey, openSurvey, ownSurveyLink, remindSurvey } from './survey-links.ts';
import { EvaluationRuleError, findSurvey, namedResponses, questionsOf, surveyQuestionList, surveysOf, waveLabels } from './survey-queries.ts';
import { saveSurvey } from './save-survey.ts';
import { surveyWaves } from './tables.ts';
import { loadManagedEvaluation } from './access.ts';
import { questionKindLabels, surveySchema } from './schemas.ts';

/** Surveys: building them, opening, reminding and closing them, and a preview of answering one. */
export const surveyRoutes: FastifyPluginAsync = async (app) => {
  const { db, config, mailer } = app.deps;
  const linkDeps = { mailer, publicUrl: config.publicUrl, secret: config.sessionSecret };

  async function surveyForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, survey?: { id: string; status: string }) {
    const questions = await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return {
      ...loaded,
      title: survey ? 'Edit survey' : 'Build a survey',
      survey,
      values,
      errors,
      waveItems: surveyWaves.map((value) => ({ value, text: waveLabels[value] })),
      questionItems: questions.map(({ question }) => ({ value: question.id, text: question.text, hint: { text: questionKindLabels[question.kind] } })),
    };
  }

  app.get('/:programmeId/evaluation/surveys/new', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const questions = await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { wave: 'baseline', anonymous: '', questionIds: questions.map((q) => q.question.id) }, noErrors),
    );
  });

  app.post('/:programmeId/evaluation/surveys', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = surveySchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, wave: parsed.data.wave });
      return redirectWithFlash(
        reply,
        `${loaded.base}/evaluation` + `/surveys/${id}`,
        `Saved “${parsed.data.title}” as a draft. Open it to send everyone their link.`,
      );
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, fieldError(error.field, error.message)));
    }
  });

  app.get('/:programmeId/evaluation/surveys/:surveyId', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const [questions, summary] = await Promise.all([surveyQuestionList(db, survey.id), surveysOf(db, loaded.ctx.workspace.id, loaded.programme.id)]);
    const counts = summary.find((s) => s.survey.id === survey.id)!;
    return reply.page('evaluation/views/survey.njk', {
      ...loaded,
      title: survey.title,
      survey,
      questions,
      counts,
      // Named answers are listed only for named surveys; an anonymous survey has no names to list.
      responses: survey.anonymous ? [] : await namedResponses(db, loaded.ctx.workspace.id, survey.id),
      waveLabels,
      questionKindLabels,
    });
  });

  app.get('/:programmeId/evaluation/surveys/:surveyId/edit', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const questions = await surveyQuestionList(db, survey.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { ...survey, anonymous: survey.anonymous ? 'yes' : '', questionIds: questions.map((q) => q.question.id) }, noErrors, survey),
    );
  });

  app.post('/:programmeId/evaluation/surveys/:surveyId/edit', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = surveySchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, formErrorsFrom(parsed.error), survey));
    try {
      await saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, wave: parsed.data.wave }, survey.id);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, fieldError(error.field, error.message), survey));
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + `/surveys/${survey.id}`, 'Saved the survey.');
  });

  app.post('/:programmeId/evaluation/surveys/:surveyId/:action', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const { surveyId, action } = request.params as { surveyId: string; action: string };
    try {
      if (action === 'open') {
        const { sent, noEmail } = await openSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        return redirectWithFlash(
          reply,
          `${loaded.base}/evaluation` + `/surveys/${surveyId}`,
          `The survey is open. ${sent} personal link${sent === 1 ? '' : 's'} sent${noEmail ? `; ${noEmail} participant${noEmail === 1 ? ' has' : 's have'} no e-mail address and can answer from their Bridgework home page` : ''}.`,
        );
      }
      if (action === 'remind') {
        const sent = await remindSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        return redirectWithFlash(
          reply,
          `${loaded.base}/evaluation` + `/surveys/${surveyId}`,
          `Sent ${sent} reminder${sent === 1 ? '' : 's'} to people who have not answered.`,
        );
      }
      if (action === 'close') {
        await closeSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, surveyId);
        return redirectWithFlash(reply, `${loaded.base}/evaluation` + `/surveys/${surveyId}`, 'The survey is closed. No more answers can be sent.');
      }
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return redirectWithFlash(reply, `${loaded.base}/evaluation` + `/surveys/${surveyId}`, error.message, 'important');
    }
    throw new NotFoundError();
  });

  /** A participant answering from inside Bridgework goes to their own personal link. */
  app.get('/:programmeId/evaluation/surveys/:surveyId/answer', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
    authorize(loaded.isParticipant, 'Only the programme’s participants answer its surveys.');
    const { surveyId } = request.params as { surveyId: string };
    const link = isUuid(surveyId) ? await ownSurveyLink(db, config.sessionSecret, surveyId, loaded.ctx.member.personId) : undefined;
    if (!link) throw new NotFoundError('This survey has not been sent to you. Ask the programme team if you think it should have been.');
    return reply.redirect(`/s/${link.token}`);
  });
};
