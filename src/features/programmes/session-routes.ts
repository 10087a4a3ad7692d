import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { londonParts, londonToday } from '../../core/dates.ts';
import { authorize } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { formatMonth } from '../../core/views/format.ts';
import { attendanceLabels, sessionKindLabels } from '../../core/views/labels.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { listReadingLists } from '../reading-lists/queries.ts';
import { addSessionReading } from './add-session-reading.ts';
import { monthGrid } from './calendar.ts';
import { presentationsOf } from './challenge-queries.ts';
import { deleteSession } from './delete-session.ts';
import { feedbackRefusal, programmeFeedback } from './feedback-queries.ts';
import { giveFeedback } from './give-feedback.ts';
import { loadProgramme, loadSession, type ProgrammeRequest } from './load.ts';
import { attendanceOf, cohortOf, needOptions, sessionLinks, sessionsOf, speakerOptions, type Session } from './queries.ts';
import { recordAttendance } from './record-attendance.ts';
import { removeSessionReading } from './remove-session-reading.ts';
import { saveSession } from './save-session.ts';
import { attendanceSchema, calendarQuery, feedbackSchema, programmeParams, readingSchema, sessionPageQuery, sessionParams, sessionSchema } from './schemas.ts';
import { attendanceStatuses, sessionKinds } from './tables.ts';

const kindItems = sessionKinds.map((value) => ({ value, text: sessionKindLabels[value] }));
const usefulnessItems = [
  { value: '5', text: '5 – Very useful' },
  { value: '4', text: '4 – Useful' },
  { value: '3', text: '3 – Somewhat useful' },
  { value: '2', text: '2 – Not very useful' },
  { value: '1', text: '1 – Not useful at all' },
];

function sessionFormValues(session: Session, links: { speakers: Array<{ id: string }>; needs: Array<{ id: string }> }) {
  const start = londonParts(session.startsAt);
  return {
    ...session,
    date: start.date,
    startTime: start.time,
    endTime: londonParts(session.endsAt).time,
    speakerIds: links.speakers.map((s) => s.id),
    needIds: links.needs.map((n) => n.id),
  };
}

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function formPage(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, session?: Session) {
    const [speakerItems, needItems] = await Promise.all([
      speakerOptions(db, loaded.ctx.workspace.id),
      needOptions(db, loaded.ctx.workspace.id, loaded.programme.id),
    ]);
    return { ...loaded, title: session ? `Edit ${session.title}` : 'Plan a session', session, values, errors, kindItems, speakerItems, needItems };
  }

  app.get('/:programmeId/sessions', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const months: Array<{ label: string; sessions: typeof sessions }> = [];
    for (const session of sessions) {
      const label = formatMonth(session.startsAt);
      if (months.at(-1)?.label !== label) months.push({ label, sessions: [] });
      months.at(-1)!.sessions.push(session);
    }
    return reply.page('programmes/views/sessions.njk', { ...loaded, title: `Sessions – ${loaded.programme.name}`, months, now: new Date() });
  });

  app.get('/:programmeId/calendar', { schema: { params: programmeParams, querystring: calendarQuery } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const requested = request.query.month;
    const today = londonToday();
    const fallback = (today >= loaded.programme.startsOn && today <= loaded.programme.endsOn ? today : loaded.programme.startsOn).slice(0, 7);
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : fallback;
    return reply.page('programmes/views/calendar.njk', {
      ...loaded,
      title: `Calendar – ${loaded.programme.name}`,
      calendar: monthGrid(month, sessions, today),
    });
  });

  app.get('/:programmeId/sessions/new', { schema: { params: programmeParams, querystring: sessionPageQuery } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const { need } = request.query;
    return reply.page(
      'programmes/views/session-form.njk',
      await formPage(loaded, { kind: 'masterclass', startTime: '10:00', endTime: '12:00', needIds: need ? [need] : [] }, noErrors),
    );
  });

  app.post('/:programmeId/sessions', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return submitForm(reply, {
      schema: sessionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/session-form.njk', await formPage(loaded, request.body, errors)),
      save: (input) => saveSession(db, loaded.ctx, loaded.access, loaded.programme, input),
      done: (id, input) => ({ to: `${loaded.base}/sessions/${id}`, flash: `Planned ${input.title}.` }),
    });
  });

  /** A session's page; `readingQuery` searches the library for its reading list. */
  async function sessionPage(request: FastifyRequest, ids: { programmeId: string; sessionId: string }, readingQuery = '', extra: Record<string, unknown> = {}) {
    const loaded = await loadProgramme(request, ids.programmeId);
    const session = await loadSession(request, loaded, ids.sessionId);
    const workspaceId = loaded.ctx.workspace.id;
    const [links, marks, cohort] = await Promise.all([
      sessionLinks(db, workspaceId, session.id),
      attendanceOf(db, workspaceId, session.id),
      loaded.canManage ? cohortOf(db, workspaceId, loaded.programme.id) : Promise.resolve([]),
    ]);
    const statusOf = new Map(marks.map((mark) => [mark.personId, mark.status]));
    const feedback = loaded.canManage ? (await programmeFeedback(db, workspaceId, loaded.programme.id)).filter((row) => row.sessionId === session.id) : [];
    const readingResults = loaded.canManage && readingQuery ? await evidenceMatching(db, workspaceId, readingQuery, 8) : [];
    const onList = new Set(links.readings.map((item) => item.id));
    return {
      ...loaded,
      title: session.title,
      session,
      ...links,
      attendanceRows: cohort.filter((person) => person.role === 'participant').map((person) => ({ ...person, status: statusOf.get(person.personId) ?? '' })),
      attendedCount: marks.filter((mark) => mark.status === 'attended').length,
      attendanceItems: attendanceStatuses.map((value) => ({ value, text: attendanceLabels[value] })),
      myAttendance: statusOf.get(loaded.ctx.member.personId) ?? null,
      feedback,
      averageUsefulness: feedback.length ? (feedback.reduce((sum, row) => sum + row.usefulness, 0) / feedback.length).toFixed(1) : null,
      feedbackRefusal: loaded.isParticipant ? await feedbackRefusal(db, workspaceId, session, loaded.ctx.member.personId) : undefined,
      readingQuery: loaded.canManage ? readingQuery : '',
      readingResults: readingResults.map((item) => ({ ...item, onList: onList.has(item.id) })),
      isPast: session.endsAt < new Date(),
      readingLists: await listReadingLists(db, workspaceId, { sessionId: session.id }),
      presentations: session.kind === 'action_learning_set' ? await presentationsOf(db, workspaceId, { sessionId: session.id }) : [],
      participantItems: cohort.filter((person) => person.role === 'participant').map((person) => ({ value: person.personId, text: person.fullName })),
      ...extra,
    };
  }

  app.get('/:programmeId/sessions/:sessionId', { schema: { params: sessionParams, querystring: sessionPageQuery } }, async (request, reply) =>
    reply.page('programmes/views/session.njk', await sessionPage(request, request.params, request.query.reading)),
  );

  app.get('/:programmeId/sessions/:sessionId/edit', { schema: { params: sessionParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded, request.params.sessionId);
    const links = await sessionLinks(db, loaded.ctx.workspace.id, session.id);
    return reply.page('programmes/views/session-form.njk', await formPage(loaded, sessionFormValues(session, links), noErrors, session));
  });

  app.post('/:programmeId/sessions/:sessionId/edit', { schema: { params: sessionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded, request.params.sessionId);
    return submitForm(reply, {
      schema: sessionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/session-form.njk', await formPage(loaded, request.body, errors, session)),
      save: (input) => saveSession(db, loaded.ctx, loaded.access, loaded.programme, input, session.id),
      done: (_id, input) => ({ to: `${loaded.base}/sessions/${session.id}`, flash: `Saved ${input.title}.` }),
    });
  });

  app.post('/:programmeId/sessions/:sessionId/delete', { schema: { params: sessionParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const session = await loadSession(request, loaded, request.params.sessionId);
    await deleteSession(db, loaded.ctx, loaded.access, session);
    setFlash(reply, { kind: 'success', text: `Deleted ${session.title}.` });
    return reply.redirect(`${loaded.base}/sessions`);
  });

  app.post('/:programmeId/sessions/:sessionId/attendance', { schema: { params: sessionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded, request.params.sessionId);
    return submitForm(reply, {
      schema: attendanceSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/session.njk', await sessionPage(request, request.params, '', { errors })),
      save: (marks) => recordAttendance(db, loaded.ctx, loaded.access, session, marks),
      done: () => ({ to: `${loaded.base}/sessions/${session.id}#attendance`, flash: 'Attendance saved.' }),
    });
  });

  app.post('/:programmeId/sessions/:sessionId/readings', { schema: { params: sessionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded, request.params.sessionId);
    return submitForm(reply, {
      schema: readingSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page(
          'programmes/views/session.njk',
          await sessionPage(request, request.params, '', { errors: fieldError('reading', Object.values(errors.fields)[0] ?? '') }),
        ),
      save: async ({ action, evidenceItemId }) =>
        action === 'remove'
          ? (await removeSessionReading(db, loaded.ctx, loaded.access, session, evidenceItemId), undefined)
          : addSessionReading(db, loaded.ctx, loaded.access, session, evidenceItemId),
      done: (title) => ({
        to: `${loaded.base}/sessions/${session.id}#reading`,
        flash: title ? `Added “${title}” to the reading list.` : 'Removed from the reading list.',
      }),
    });
  });

  async function feedbackPage(request: FastifyRequest, ids: { programmeId: string; sessionId: string }, values: Record<string, unknown>, errors: FormErrors) {
    const loaded = await loadProgramme(request, ids.programmeId);
    const session = await loadSession(request, loaded, ids.sessionId);
    authorize(loaded.isParticipant, 'Only the programme’s participants give feedback on its sessions.');
    return {
      ...loaded,
      session,
      title: `Feedback on ${session.title}`,
      values,
      errors,
      usefulnessItems,
      refusal: await feedbackRefusal(db, loaded.ctx.workspace.id, session, loaded.ctx.member.personId),
    };
  }

  app.get('/:programmeId/sessions/:sessionId/feedback', { schema: { params: sessionParams } }, async (request, reply) =>
    reply.page('programmes/views/feedback-form.njk', await feedbackPage(request, request.params, {}, noErrors)),
  );

  app.post('/:programmeId/sessions/:sessionId/feedback', { schema: { params: sessionParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const session = await loadSession(request, loaded, request.params.sessionId);
    return submitForm(reply, {
      schema: feedbackSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/feedback-form.njk', await feedbackPage(request, request.params, request.body, errors)),
      save: (input) => giveFeedback(db, loaded.ctx, loaded.access, session, input),
      // Back to the session the feedback was about, where the next thing to do with it is.
      done: () => ({
        to: `${loaded.base}/sessions/${session.id}`,
        flash: 'Thank you for your feedback. The team reads every response and will say what they changed.',
      }),
    });
  });
};
