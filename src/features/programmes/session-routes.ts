import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { londonParts, londonToday } from '../../core/dates.ts';
import { authorize } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { attendanceLabels, sessionKindLabels } from '../../core/views/labels.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { feedbackRefusal, giveFeedback, programmeFeedback } from './feedback.ts';
import { loadProgramme, loadSession, type ProgrammeRequest } from './load.ts';
import { attendanceOf, cohortOf, needOptions, sessionLinks, sessionsOf, speakerOptions, type Session } from './queries.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import { addReading, deleteSession, recordAttendance, removeReading, saveSession } from './save-session.ts';
import { feedbackSchema, sessionSchema } from './schemas.ts';
import { attendanceStatuses, sessionKinds, type AttendanceStatus } from './tables.ts';
import { monthGrid } from './calendar.ts';
import { presentationsOf } from './action-learning.ts';
import { listReadingLists } from '../reading-lists/reading-lists.ts';

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

export const sessionRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  async function formPage(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, session?: Session) {
    const [speakerItems, needItems] = await Promise.all([
      speakerOptions(db, loaded.ctx.workspace.id),
      needOptions(db, loaded.ctx.workspace.id, loaded.programme.id),
    ]);
    return { ...loaded, title: session ? `Edit ${session.title}` : 'Plan a session', session, values, errors, kindItems, speakerItems, needItems };
  }

  app.get('/:programmeId/sessions', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const months: Array<{ label: string; sessions: typeof sessions }> = [];
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    for (const session of sessions) {
      const label = monthName.format(session.startsAt);
      if (months.at(-1)?.label !== label) months.push({ label, sessions: [] });
      months.at(-1)!.sessions.push(session);
    }
    return reply.page('programmes/views/sessions.njk', { ...loaded, title: `Sessions – ${loaded.programme.name}`, months, now: new Date() });
  });

  app.get('/:programmeId/calendar', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const requested = formText((request.query as Record<string, unknown>).month);
    const today = londonToday();
    const fallback = (today >= loaded.programme.startsOn && today <= loaded.programme.endsOn ? today : loaded.programme.startsOn).slice(0, 7);
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : fallback;
    return reply.page('programmes/views/calendar.njk', {
      ...loaded,
      title: `Calendar – ${loaded.programme.name}`,
      calendar: monthGrid(month, sessions, today),
    });
  });

  app.get('/:programmeId/sessions/new', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const query = request.query as Record<string, unknown>;
    return reply.page(
      'programmes/views/session-form.njk',
      await formPage(loaded, { kind: 'masterclass', startTime: '10:00', endTime: '12:00', needIds: query.need ? [query.need] : [] }, noErrors),
    );
  });

  app.post('/:programmeId/sessions', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = sessionSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/session-form.njk', await formPage(loaded, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveSession(db, loaded.ctx, loaded.access, loaded.programme, parsed.data);
      setFlash(reply, { kind: 'success', text: `Planned ${parsed.data.title}.` });
      return reply.redirect(`${loaded.base}/sessions/${id}`);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/session-form.njk', await formPage(loaded, body, fieldError(error.field, error.message)));
    }
  });

  async function sessionPage(request: FastifyRequest, extra: Record<string, unknown> = {}) {
    const loaded = await loadProgramme(request);
    const session = await loadSession(request, loaded);
    const workspaceId = loaded.ctx.workspace.id;
    const [links, marks, cohort] = await Promise.all([
      sessionLinks(db, workspaceId, session.id),
      attendanceOf(db, workspaceId, session.id),
      loaded.canManage ? cohortOf(db, workspaceId, loaded.programme.id) : Promise.resolve([]),
    ]);
    const statusOf = new Map(marks.map((mark) => [mark.personId, mark.status]));
    const feedback = loaded.canManage ? (await programmeFeedback(db, workspaceId, loaded.programme.id)).filter((row) => row.sessionId === session.id) : [];
    const query = request.query as Record<string, unknown>;
    const readingQuery = loaded.canManage && typeof query.reading === 'string' ? query.reading.trim().slice(0, 300) : '';
    const readingResults = readingQuery ? await evidenceMatching(db, workspaceId, readingQuery, 8) : [];
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
      feedbackRefusal: loaded.isParticipant ? await feedbackRefusal(db, session, loaded.ctx.member.personId) : undefined,
      readingQuery,
      readingResults: readingResults.map((item) => ({ ...item, onList: onList.has(item.id) })),
      isPast: session.endsAt < new Date(),
      readingLists: await listReadingLists(db, workspaceId, { sessionId: session.id }),
      presentations: session.kind === 'action_learning_set' ? await presentationsOf(db, workspaceId, { sessionId: session.id }) : [],
      participantItems: cohort.filter((person) => person.role === 'participant').map((person) => ({ value: person.personId, text: person.fullName })),
      ...extra,
    };
  }

  app.get('/:programmeId/sessions/:sessionId', async (request, reply) => reply.page('programmes/views/session.njk', await sessionPage(request)));

  app.get('/:programmeId/sessions/:sessionId/edit', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded);
    const links = await sessionLinks(db, loaded.ctx.workspace.id, session.id);
    return reply.page('programmes/views/session-form.njk', await formPage(loaded, sessionFormValues(session, links), noErrors, session));
  });

  app.post('/:programmeId/sessions/:sessionId/edit', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = sessionSchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('programmes/views/session-form.njk', await formPage(loaded, body, formErrorsFrom(parsed.error), session));
    try {
      await saveSession(db, loaded.ctx, loaded.access, loaded.programme, parsed.data, session.id);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/session-form.njk', await formPage(loaded, body, fieldError(error.field, error.message), session));
    }
    setFlash(reply, { kind: 'success', text: `Saved ${parsed.data.title}.` });
    return reply.redirect(`${loaded.base}/sessions/${session.id}`);
  });

  app.post('/:programmeId/sessions/:sessionId/delete', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const session = await loadSession(request, loaded);
    await deleteSession(db, loaded.ctx, loaded.access, session);
    setFlash(reply, { kind: 'success', text: `Deleted ${session.title}.` });
    return reply.redirect(`${loaded.base}/sessions`);
  });

  app.post('/:programmeId/sessions/:sessionId/attendance', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const marks: Record<string, AttendanceStatus | ''> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('attendance-')) continue;
      const status = String(value);
      if (status !== '' && !(attendanceStatuses as readonly string[]).includes(status)) {
        return reply
          .status(400)
          .page(
            'programmes/views/session.njk',
            await sessionPage(request, { errors: fieldError('attendance', 'Choose attended, sent apologies or absent for each person') }),
          );
      }
      marks[key.slice('attendance-'.length)] = status as AttendanceStatus | '';
    }
    try {
      await recordAttendance(db, loaded.ctx, loaded.access, session, marks);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/session.njk', await sessionPage(request, { errors: fieldError(error.field, error.message) }));
    }
    setFlash(reply, { kind: 'success', text: 'Attendance saved.' });
    return reply.redirect(`${loaded.base}/sessions/${session.id}#attendance`);
  });

  app.post('/:programmeId/sessions/:sessionId/readings', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const session = await loadSession(request, loaded);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const itemId = typeof body.evidenceItemId === 'string' ? body.evidenceItemId : '';
    if (body.action === 'remove') {
      await removeReading(db, loaded.ctx, loaded.access, session, itemId);
      setFlash(reply, { kind: 'success', text: 'Removed from the reading list.' });
    } else {
      try {
        const title = await addReading(db, loaded.ctx, loaded.access, session, itemId);
        setFlash(reply, { kind: 'success', text: `Added “${title}” to the reading list.` });
      } catch (error) {
        if (!(error instanceof ProgrammeRuleError)) throw error;
        return reply.status(400).page('programmes/views/session.njk', await sessionPage(request, { errors: fieldError('reading', error.message) }));
      }
    }
    return reply.redirect(`${loaded.base}/sessions/${session.id}#reading`);
  });

  async function feedbackPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors) {
    const loaded = await loadProgramme(request);
    const session = await loadSession(request, loaded);
    authorize(loaded.isParticipant, 'Only the programme’s participants give feedback on its sessions.');
    return {
      ...loaded,
      session,
      title: `Feedback on ${session.title}`,
      values,
      errors,
      usefulnessItems,
      refusal: await feedbackRefusal(db, session, loaded.ctx.member.personId),
    };
  }

  app.get('/:programmeId/sessions/:sessionId/feedback', async (request, reply) =>
    reply.page('programmes/views/feedback-form.njk', await feedbackPage(request, {}, noErrors)),
  );

  app.post('/:programmeId/sessions/:sessionId/feedback', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const session = await loadSession(request, loaded);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = feedbackSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/feedback-form.njk', await feedbackPage(request, body, formErrorsFrom(parsed.error)));
    try {
      await giveFeedback(db, loaded.ctx, loaded.access, session, parsed.data);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/feedback-form.njk', await feedbackPage(request, body, fieldError(error.field, error.message)));
    }
    setFlash(reply, { kind: 'success', text: 'Thank you for your feedback. The team reads every response and will say what they changed.' });
    return reply.redirect(loaded.base);
  });
};
