import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { londonToday } from '../../core/dates.ts';
import { authorize } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { feedbackBehindChanges, programmeChangeLog, programmeFeedback } from './feedback-queries.ts';
import { loadProgramme, type ProgrammeRequest } from './load.ts';
import { programmeChangesPanels } from './overview-panels.ts';
import { sessionsOf } from './queries.ts';
import { recordChange } from './record-change.ts';
import { changeSchema, programmeParams } from './schemas.ts';

export const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  /** "You said, we did": visible to the whole cohort; facilitators also see the feedback behind each change. */
  async function changesPage(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors) {
    const workspaceId = loaded.ctx.workspace.id;
    const [changes, panels] = await Promise.all([
      programmeChangeLog(db, workspaceId, loaded.programme.id),
      programmeChangesPanels.collect(db, workspaceId, loaded.programme),
    ]);
    const quotes = loaded.canManage
      ? await feedbackBehindChanges(
          db,
          workspaceId,
          changes.map((change) => change.id),
        )
      : new Map<string, never[]>();
    const feedback = loaded.canManage ? (await programmeFeedback(db, workspaceId, loaded.programme.id)).filter((row) => row.toChange || row.mostUseful) : [];
    return {
      ...loaded,
      ...panels,
      title: `You said, we did – ${loaded.programme.name}`,
      changes: changes.map((change) => ({ ...change, quotes: quotes.get(change.id) ?? [] })),
      feedbackItems: feedback.map((row) => ({ value: row.id, text: `${row.sessionTitle}: “${(row.toChange || row.mostUseful).slice(0, 160)}”` })),
      values: { madeOn: londonToday(), ...values },
      errors,
    };
  }

  app.get('/:programmeId/changes', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('programmes/views/changes.njk', await changesPage(await loadProgramme(request, request.params.programmeId), {}, noErrors)),
  );

  app.post('/:programmeId/changes', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return submitForm(reply, {
      schema: changeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/changes.njk', await changesPage(loaded, request.body, errors)),
      save: (input) => recordChange(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: () => ({ to: `${loaded.base}/changes`, flash: 'Recorded the change. The cohort can see it in “You said, we did”.' }),
    });
  });

  /** Feedback results per session and over time, for the people running the programme. */
  app.get('/:programmeId/feedback', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const workspaceId = loaded.ctx.workspace.id;
    const [sessions, feedback] = await Promise.all([sessionsOf(db, workspaceId, loaded.programme.id), programmeFeedback(db, workspaceId, loaded.programme.id)]);
    const rated = sessions.filter((session) => session.feedbackCount > 0);
    const distribution = [5, 4, 3, 2, 1].map((score) => ({ score, n: feedback.filter((row) => row.usefulness === score).length }));
    return reply.page('programmes/views/feedback-results.njk', {
      ...loaded,
      title: `Feedback – ${loaded.programme.name}`,
      rated,
      total: feedback.length,
      average: feedback.length ? (feedback.reduce((sum, row) => sum + row.usefulness, 0) / feedback.length).toFixed(1) : null,
      distribution: distribution.map((row) => ({ ...row, percent: feedback.length ? Math.round((100 * row.n) / feedback.length) : 0 })),
      comments: feedback.filter((row) => row.mostUseful || row.toChange),
    });
  });
};
