import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, GoneError, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { countOf } from '../../core/views/format.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { programmeParams } from '../programmes/schemas.ts';
import { loadManagedEvaluation } from './access.ts';
import { closeSurvey } from './close-survey.ts';
import { openSurvey } from './open-survey.ts';
import { remindSurvey } from './remind-survey.ts';
import { saveSurvey } from './save-survey.ts';
import { questionKindLabels, surveyActionParams, surveyParams, surveySchema } from './schemas.ts';
import { ownSurveyLink } from './survey-links.ts';
import { findSurvey, namedResponses, questionsOf, surveyQuestionList, surveysOf, waveLabels } from './survey-queries.ts';
import { surveyWaves } from './tables.ts';

/** Surveys: building them, opening, reminding and closing them, and a preview of answering one. */
export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
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

  app.get('/:programmeId/evaluation/surveys/new', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const questions = await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { wave: 'baseline', anonymous: '', questionIds: questions.map((q) => q.question.id) }, noErrors),
    );
  });

  app.post('/:programmeId/evaluation/surveys', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    return submitForm(reply, {
      schema: surveySchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evaluation/views/survey-form.njk', await surveyForm(loaded, request.body, errors)),
      save: (input) => saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: (id, input) => ({
        to: `${loaded.base}/evaluation/surveys/${id}`,
        flash: `Saved “${input.title}” as a draft. Open it to send everyone their link.`,
      }),
    });
  });

  async function loadSurvey(loaded: ProgrammeRequest, surveyId: string) {
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, surveyId);
    if (!survey) throw new NotFoundError();
    return survey;
  }

  app.get('/:programmeId/evaluation/surveys/:surveyId', { schema: { params: surveyParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const survey = await loadSurvey(loaded, request.params.surveyId);
    const workspaceId = loaded.ctx.workspace.id;
    const [questions, summary] = await Promise.all([surveyQuestionList(db, workspaceId, survey.id), surveysOf(db, workspaceId, loaded.programme.id)]);
    const counts = summary.find((s) => s.survey.id === survey.id)!;
    return reply.page('evaluation/views/survey.njk', {
      ...loaded,
      title: survey.title,
      survey,
      questions,
      counts,
      // Named answers are listed only for named surveys; an anonymous survey has no names to list.
      responses: survey.anonymous ? [] : await namedResponses(db, workspaceId, survey.id),
      waveLabels,
      questionKindLabels,
    });
  });

  app.get('/:programmeId/evaluation/surveys/:surveyId/edit', { schema: { params: surveyParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const survey = await loadSurvey(loaded, request.params.surveyId);
    const questions = await surveyQuestionList(db, loaded.ctx.workspace.id, survey.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { ...survey, anonymous: survey.anonymous ? 'yes' : '', questionIds: questions.map((q) => q.question.id) }, noErrors, survey),
    );
  });

  app.post('/:programmeId/evaluation/surveys/:surveyId/edit', { schema: { params: surveyParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const survey = await loadSurvey(loaded, request.params.surveyId);
    return submitForm(reply, {
      schema: surveySchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evaluation/views/survey-form.njk', await surveyForm(loaded, request.body, errors, survey)),
      save: (input) => saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, input, survey.id),
      done: () => ({ to: `${loaded.base}/evaluation/surveys/${survey.id}`, flash: 'Saved the survey.' }),
    });
  });

  /** Buttons on the survey's page: what they did, or why they could not, shows in the banner there. */
  app.post('/:programmeId/evaluation/surveys/:surveyId/:action', { schema: { params: surveyActionParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const { surveyId, action } = request.params;
    const back = `${loaded.base}/evaluation/surveys/${surveyId}`;
    try {
      if (action === 'open') {
        const { sent, noEmail } = await openSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        const without = noEmail
          ? `; ${countOf(noEmail, 'participant has', 'participants have')} no e-mail address and can answer from their Bridgework home page`
          : '';
        return redirectWithFlash(reply, back, `The survey is open. ${countOf(sent, 'personal link')} sent${without}.`);
      }
      if (action === 'remind') {
        const sent = await remindSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        return redirectWithFlash(reply, back, `Sent ${countOf(sent, 'reminder')} to people who have not answered.`);
      }
      await closeSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, surveyId);
      return redirectWithFlash(reply, back, 'The survey is closed. No more answers can be sent.');
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return redirectWithFlash(reply, back, error.message, 'important');
    }
  });

  /** A participant answering from inside Bridgework goes to their own personal link. */
  app.get('/:programmeId/evaluation/surveys/:surveyId/answer', { schema: { params: surveyParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only the programme’s participants answer its surveys.');
    const link = await ownSurveyLink(db, config.sessionSecret, loaded.ctx.workspace.id, request.params.surveyId, loaded.ctx.member.personId);
    if (!link) throw new NotFoundError('This survey has not been sent to you. Ask the programme team if you think it should have been.');
    if (!link.token)
      throw new GoneError(
        link.responded
          ? 'You have answered this survey. Thank you: there is nothing more to do.'
          : 'Your link to this survey can no longer be opened here: the survey has closed. Ask the programme team if it should still be open.',
        link.responded ? 'You have answered this survey' : 'This survey has closed',
      );
    return reply.redirect(`/s/${link.token}`);
  });
};
