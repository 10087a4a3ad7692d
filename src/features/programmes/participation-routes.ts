import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { actionEntryKindLabels, supportRequestKindLabels, supportRequestStatusLabels } from '../../core/views/labels.ts';
import { findPerson } from '../people/queries.ts';
import { addActionEntry } from './add-action-entry.ts';
import { askForSupport } from './ask-for-support.ts';
import { challengesOf, entriesOf, findChallenge, presentationsOf, programmeReading } from './challenge-queries.ts';
import { completeActionEntry } from './complete-action-entry.ts';
import { loadProgramme, loadSession, type ProgrammeRequest } from './load.ts';
import { programmePolicy } from './policy.ts';
import { recordPresentation } from './record-presentation.ts';
import { saveChallenge } from './save-challenge.ts';
import {
  actionEntrySchema,
  challengeSchema,
  entryDoneSchema,
  entryParams,
  personParams,
  presentationSchema,
  programmeParams,
  requestParams,
  requestUpdateSchema,
  sessionParams,
  supportRequestSchema,
} from './schemas.ts';
import { assigneeOptions, requestsOf, responseTimes } from './support-queries.ts';
import { supportRequestKinds, supportRequestStatuses } from './support-tables.ts';
import { actionEntryKinds } from './tables.ts';
import { updateSupportRequest } from './update-support-request.ts';

const entryKindItems = actionEntryKinds.map((value) => ({ value, text: actionEntryKindLabels[value] }));
const requestKindItems = supportRequestKinds.map((value) => ({ value, text: supportRequestKindLabels[value] }));
const requestStatusItems = supportRequestStatuses.map((value) => ({ value, text: supportRequestStatusLabels[value] }));

/** Action learning (each participant's challenge and action log) and consultancy support requests. */
export const participationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function challengePage(
    loaded: ProgrammeRequest,
    personId: string,
    forms: { challenge?: Record<string, unknown>; entry?: Record<string, unknown>; errors?: FormErrors } = {},
  ) {
    if (!programmePolicy.readChallenge(loaded.access, personId))
      throw new ForbiddenError('A participant’s action log is seen by them and the people running the programme.');
    const workspaceId = loaded.ctx.workspace.id;
    const person = await findPerson(db, workspaceId, personId);
    if (!person) throw new NotFoundError();
    const challenge = await findChallenge(db, workspaceId, loaded.programme.id, personId);
    const [entries, presentations, readingItems] = await Promise.all([
      challenge ? entriesOf(db, workspaceId, challenge.id) : Promise.resolve([]),
      presentationsOf(db, workspaceId, { personId }),
      programmeReading(db, workspaceId, loaded.programme.id),
    ]);
    const own = personId === loaded.ctx.member.personId;
    return {
      ...loaded,
      title: own ? `Your challenge – ${loaded.programme.name}` : `${person.fullName}’s challenge – ${loaded.programme.name}`,
      person,
      own,
      challenge,
      entries,
      openActions: entries.filter((entry) => entry.kind === 'action' && !entry.doneAt),
      presentations,
      readingItems,
      entryKindItems,
      challengeValues: forms.challenge ?? challenge ?? {},
      entryValues: forms.entry ?? { kind: 'action' },
      errors: forms.errors ?? noErrors,
    };
  }

  app.get('/:programmeId/challenge', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only participants keep a policy challenge on this programme.');
    return reply.page('programmes/views/challenge.njk', await challengePage(loaded, loaded.ctx.member.personId));
  });

  app.get('/:programmeId/challenges', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return reply.page('programmes/views/challenges.njk', {
      ...loaded,
      title: `Action learning – ${loaded.programme.name}`,
      challenges: await challengesOf(db, loaded.ctx.workspace.id, loaded.programme.id),
    });
  });

  app.get('/:programmeId/challenges/:personId', { schema: { params: personParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    return reply.page('programmes/views/challenge.njk', await challengePage(loaded, request.params.personId));
  });

  app.post('/:programmeId/challenge', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only participants keep a policy challenge on this programme.');
    return submitForm(reply, {
      schema: challengeSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('programmes/views/challenge.njk', await challengePage(loaded, loaded.ctx.member.personId, { challenge: request.body, errors })),
      save: (input) => saveChallenge(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: () => ({ to: `${loaded.base}/challenge`, flash: 'Saved your challenge.' }),
    });
  });

  app.post('/:programmeId/challenge/entries', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only participants keep an action log on this programme.');
    return submitForm(reply, {
      schema: actionEntrySchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('programmes/views/challenge.njk', await challengePage(loaded, loaded.ctx.member.personId, { entry: request.body, errors })),
      save: (input) => addActionEntry(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: (_result, input) => ({
        to: `${loaded.base}/challenge`,
        flash: input.kind === 'action' ? 'Added the action to your log.' : 'Added your reflection to your log.',
      }),
    });
  });

  app.post('/:programmeId/challenge/entries/:entryId/done', { schema: { params: entryParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const { done } = entryDoneSchema.parse(request.body);
    await completeActionEntry(db, loaded.ctx, loaded.access, loaded.programme.id, request.params.entryId, done);
    return reply.redirect(`${loaded.base}/challenge#log`);
  });

  app.post('/:programmeId/sessions/:sessionId/presentations', { schema: { params: sessionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded, request.params.sessionId);
    const back = `${loaded.base}/sessions/${session.id}#set`;
    // The form sits in the session page's action learning panel: what is wrong is said in the banner there.
    return submitForm(reply, {
      schema: presentationSchema,
      body: request.body,
      redisplay: (errors) => redirectWithFlash(reply.status(302), back, errors.list.map((error) => error.text).join('. '), 'important'),
      save: (input) => recordPresentation(db, loaded.ctx, loaded.access, session, input.personId, input.agreed),
      done: () => ({ to: back, flash: 'Recorded the presentation and what was agreed.' }),
    });
  });

  async function requestsPage(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, failedId?: string) {
    if (!loaded.canManage && !loaded.isParticipant) throw new ForbiddenError('Consultancy support is for the programme’s participants and facilitators.');
    const workspaceId = loaded.ctx.workspace.id;
    const list = await requestsOf(db, workspaceId, loaded.programme.id, loaded.canManage ? undefined : loaded.ctx.member.personId);
    return {
      ...loaded,
      title: `Support requests – ${loaded.programme.name}`,
      requests: list,
      times: responseTimes(list),
      openCount: list.filter((r) => r.status !== 'resolved').length,
      assigneeItems: loaded.canManage ? await assigneeOptions(db, workspaceId, loaded.programme.id) : [],
      requestKindItems,
      requestStatusItems,
      values,
      errors,
      failedId,
    };
  }

  app.get('/:programmeId/requests', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('programmes/views/requests.njk', await requestsPage(await loadProgramme(request, request.params.programmeId), { kind: 'question' }, noErrors)),
  );

  app.post('/:programmeId/requests', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only the programme’s participants ask for consultancy support on it.');
    return submitForm(reply, {
      schema: supportRequestSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/requests.njk', await requestsPage(loaded, request.body, errors)),
      save: (input) => askForSupport(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: () => ({ to: `${loaded.base}/requests`, flash: 'Your request has been sent to the programme team.' }),
    });
  });

  app.post('/:programmeId/requests/:requestId', { schema: { params: requestParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const { requestId } = request.params;
    return submitForm(reply, {
      schema: requestUpdateSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/requests.njk', await requestsPage(loaded, {}, errors, requestId)),
      save: (input) => updateSupportRequest(db, loaded.ctx, loaded.access, loaded.programme.id, requestId, input),
      done: () => ({ to: `${loaded.base}/requests#request-${requestId}`, flash: 'Saved the request.' }),
    });
  });
};
