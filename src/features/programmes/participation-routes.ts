import type { FastifyPluginAsync } from 'fastify';
import { authorize, ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { actionEntryKindLabels, supportRequestKindLabels, supportRequestStatusLabels } from '../../core/views/labels.ts';
import { isUuid } from '../../core/db/uuid.ts';
import {
  addEntry,
  challengesOf,
  completeEntry,
  entriesOf,
  findChallenge,
  mayReadChallenge,
  presentationsOf,
  programmeReading,
  recordPresentation,
  saveChallenge,
} from './action-learning.ts';
import { loadProgramme, loadSession, type ProgrammeRequest } from './load.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import { actionEntrySchema, challengeSchema, presentationSchema, requestUpdateSchema, supportRequestSchema } from './schemas.ts';
import { askForSupport, assigneeOptions, requestsOf, responseTimes, updateRequest } from './support-requests.ts';
import { actionEntryKinds, supportRequestKinds, supportRequestStatuses } from './tables.ts';
import { people } from '../people/tables.ts';
import { and, eq } from 'drizzle-orm';

const entryKindItems = actionEntryKinds.map((value) => ({ value, text: actionEntryKindLabels[value] }));
const requestKindItems = supportRequestKinds.map((value) => ({ value, text: supportRequestKindLabels[value] }));
const requestStatusItems = supportRequestStatuses.map((value) => ({ value, text: supportRequestStatusLabels[value] }));

/** Action learning (each participant's challenge and action log) and consultancy support requests. */
export const participationRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  async function challengePage(
    loaded: ProgrammeRequest,
    personId: string,
    forms: { challenge?: Record<string, unknown>; entry?: Record<string, unknown>; errors?: FormErrors } = {},
  ) {
    if (!isUuid(personId)) throw new NotFoundError();
    if (!mayReadChallenge(loaded.access, personId))
      throw new ForbiddenError('A participant’s action log is seen by them and the people running the programme.');
    const workspaceId = loaded.ctx.workspace.id;
    const [person] = await db
      .select({ fullName: people.fullName })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
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

  app.get('/:programmeId/challenge', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.isParticipant, 'Only participants keep a policy challenge on this programme.');
    return reply.page('programmes/views/challenge.njk', await challengePage(loaded, loaded.ctx.member.personId));
  });

  app.get('/:programmeId/challenges', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    return reply.page('programmes/views/challenges.njk', {
      ...loaded,
      title: `Action learning – ${loaded.programme.name}`,
      challenges: await challengesOf(db, loaded.ctx.workspace.id, loaded.programme.id),
    });
  });

  app.get('/:programmeId/challenges/:personId', async (request, reply) => {
    const loaded = await loadProgramme(request);
    return reply.page('programmes/views/challenge.njk', await challengePage(loaded, (request.params as { personId: string }).personId));
  });

  app.post('/:programmeId/challenge', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.isParticipant, 'Only participants keep a policy challenge on this programme.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = challengeSchema.safeParse(body);
    if (!parsed.success)
      return reply
        .status(400)
        .page(
          'programmes/views/challenge.njk',
          await challengePage(loaded, loaded.ctx.member.personId, { challenge: body, errors: formErrorsFrom(parsed.error) }),
        );
    await saveChallenge(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    setFlash(reply, { kind: 'success', text: 'Saved your challenge.' });
    return reply.redirect(`${loaded.base}/challenge`);
  });

  app.post('/:programmeId/challenge/entries', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.isParticipant, 'Only participants keep an action log on this programme.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = actionEntrySchema.safeParse(body);
    const again = (errors: FormErrors) => challengePage(loaded, loaded.ctx.member.personId, { entry: body, errors });
    if (!parsed.success) return reply.status(400).page('programmes/views/challenge.njk', await again(formErrorsFrom(parsed.error)));
    try {
      await addEntry(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/challenge.njk', await again(fieldError(error.field, error.message)));
    }
    setFlash(reply, { kind: 'success', text: parsed.data.kind === 'action' ? 'Added the action to your log.' : 'Added your reflection to your log.' });
    return reply.redirect(`${loaded.base}/challenge`);
  });

  app.post('/:programmeId/challenge/entries/:entryId/done', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    await completeEntry(db, loaded.ctx, loaded.access, loaded.programme.id, (request.params as { entryId: string }).entryId, body.done !== 'no');
    return reply.redirect(`${loaded.base}/challenge#log`);
  });

  app.post('/:programmeId/sessions/:sessionId/presentations', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded);
    const parsed = presentationSchema.safeParse(request.body ?? {});
    const back = `${loaded.base}/sessions/${session.id}#set`;
    if (!parsed.success) {
      setFlash(reply, { kind: 'important', text: parsed.error.issues.map((issue) => issue.message).join('. ') });
      return reply.redirect(back);
    }
    try {
      await recordPresentation(db, loaded.ctx, loaded.access, session, parsed.data.personId, parsed.data.agreed);
      setFlash(reply, { kind: 'success', text: 'Recorded the presentation and what was agreed.' });
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
    }
    return reply.redirect(back);
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

  app.get('/:programmeId/requests', async (request, reply) =>
    reply.page('programmes/views/requests.njk', await requestsPage(await loadProgramme(request), { kind: 'question' }, noErrors)),
  );

  app.post('/:programmeId/requests', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.isParticipant, 'Only the programme’s participants ask for consultancy support on it.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = supportRequestSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/requests.njk', await requestsPage(loaded, body, formErrorsFrom(parsed.error)));
    await askForSupport(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, kind: parsed.data.kind });
    setFlash(reply, { kind: 'success', text: 'Your request has been sent to the programme team.' });
    return reply.redirect(`${loaded.base}/requests`);
  });

  app.post('/:programmeId/requests/:requestId', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const { requestId } = request.params as { requestId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = requestUpdateSchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('programmes/views/requests.njk', await requestsPage(loaded, {}, formErrorsFrom(parsed.error), requestId));
    try {
      await updateRequest(db, loaded.ctx, loaded.access, loaded.programme.id, requestId, {
        ...parsed.data,
        status: parsed.data.status,
      });
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/requests.njk', await requestsPage(loaded, {}, fieldError(error.field, error.message), requestId));
    }
    setFlash(reply, { kind: 'success', text: 'Saved the request.' });
    return reply.redirect(`${loaded.base}/requests#request-${requestId}`);
  });
};
