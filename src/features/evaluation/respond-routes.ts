import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, pathParams } from '../../core/http/route-schemas.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { draftFor, saveResponse, surveyForLink, type LinkedSurvey } from './respond.ts';
import { waveLabels } from './survey-queries.ts';

/**
 * Answering a survey through a personal link, without signing in. The page is
 * one form; each change is saved as it is made (when scripts run), and
 * "Save and finish later" saves without them.
 */
/** Any text may arrive as a token: a wrong one is answered with a page that says so. */
const tokenParams = pathParams({ token: z.string().max(200) });

export const respondRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function load(token: string) {
    const linked = await surveyForLink(db, token);
    if (!linked)
      throw new NotFoundError('This survey link is not right. Check you copied the whole link from your e-mail, or ask the programme team for a new one.');
    return linked;
  }

  async function formPage(
    reply: FastifyReply,
    linked: LinkedSurvey,
    token: string,
    errors: Record<string, string> = {},
    values?: Record<string, unknown>,
    status = 200,
  ) {
    const draft = await draftFor(db, linked, token);
    const saved = (questionId: string) => draft.answers.get(questionId);
    const list = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
    return reply.status(status).page('evaluation/views/respond.njk', {
      title: linked.survey.title,
      linked,
      token,
      saved,
      values: values ?? {},
      draft: draft.response,
      errors: { fields: errors, list },
      waveLabel: waveLabels[linked.survey.wave],
    });
  }

  app.get('/s/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const linked = await load(token);
    if (linked.state !== 'open') return reply.page('evaluation/views/respond-closed.njk', { title: linked.survey.title, linked });
    return formPage(reply, linked, token);
  });

  app.post('/s/:token', { schema: { params: tokenParams, body: formBody } }, async (request, reply) => {
    const { token } = request.params;
    const linked = await load(token);
    if (linked.state !== 'open') return reply.status(409).page('evaluation/views/respond-closed.njk', { title: linked.survey.title, linked });
    const body = request.body;
    const submit = body.action !== 'save';
    const outcome = await saveResponse(db, linked, token, body, submit);
    if (outcome.errors.form)
      return reply
        .status(409)
        .page('evaluation/views/respond-closed.njk', { title: linked.survey.title, linked: await load(token), message: outcome.errors.form });
    if (Object.keys(outcome.errors).length) return formPage(reply, linked, token, outcome.errors, body, 400);
    if (outcome.submitted) return reply.page('evaluation/views/respond-done.njk', { title: 'Thank you', linked });
    return reply.page('evaluation/views/respond-saved.njk', { title: 'Your answers are saved', linked, token });
  });

  /** One answer at a time, as the respondent goes; the reply says whether it was kept. */
  app.post('/s/:token/autosave', { schema: { params: tokenParams, body: formBody } }, async (request, reply) => {
    const { token } = request.params;
    const linked = await load(token);
    if (linked.state !== 'open') return reply.status(409).send({ saved: false, error: 'This survey is closed or already answered.' });
    const outcome = await saveResponse(db, linked, token, request.body, false);
    if (Object.keys(outcome.errors).length) return reply.status(400).send({ saved: false, errors: outcome.errors });
    return reply.send({ saved: true });
  });
};
