import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf } from '../../core/http/api.ts';
import { FieldProblemsError, ForbiddenError } from '../../core/http/errors.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { loadProgramme, loadSession } from './load.ts';
import { attendanceOf, sessionsOf } from './queries.ts';
import { recordAttendance } from './record-attendance.ts';
import { attendanceStatuses, sessionKinds } from './tables.ts';

const attendanceRecord = z.object({ personId: z.uuid(), status: z.enum(attendanceStatuses) });
const attendanceParams = pathParams({ id: idParam, sessionId: idParam });

const sessionResource = z.object({
  id: z.uuid(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  address: z.string(),
  onlineLink: z.string(),
  speakers: z.array(z.string()),
  figures: z
    .object({
      needsAddressed: z.number().int(),
      attended: z.number().int(),
      feedbackResponses: z.number().int(),
      averageUsefulness: z.number().nullable().describe('Out of 5'),
    })
    .nullable()
    .describe('For the people running the programme only, as on its sessions page; null for others'),
});

/** A cohort programme's sessions, and who came to each, as the programme's pages show them. */
export const sessionsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Programmes'];

  app.get(
    '/programmes/:id/sessions',
    {
      schema: {
        tags,
        summary: 'List a programme’s sessions',
        description: 'Every session, earliest first, to anyone who can see the programme. All in one page.',
        params: pathParams({ id: idParam }),
        response: { 200: listOf(sessionResource), ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadProgramme(request, request.params.id);
      const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
      return {
        data: sessions.map((session) => ({
          id: session.id,
          kind: session.kind,
          title: session.title,
          description: session.description,
          startsAt: isoDate(session.startsAt)!,
          endsAt: isoDate(session.endsAt)!,
          place: session.place,
          address: session.address,
          onlineLink: session.onlineLink,
          speakers: session.speakers,
          figures: loaded.canManage
            ? {
                needsAddressed: session.needCount,
                attended: session.attended,
                feedbackResponses: session.feedbackCount,
                averageUsefulness: session.averageUsefulness,
              }
            : null,
        })),
        next: null,
      };
    },
  );

  app.get(
    '/programmes/:id/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary: 'Get a session’s attendance',
        description: 'Who attended, sent apologies or was absent: for the people running the programme, who record it. All in one page.',
        params: attendanceParams,
        response: { 200: listOf(attendanceRecord), ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadProgramme(request, request.params.id);
      if (!loaded.canManage) throw new ForbiddenError('Only the people running the programme see its attendance.');
      const session = await loadSession(request, loaded, request.params.sessionId);
      return { data: await attendanceOf(db, loaded.ctx.workspace.id, session.id), next: null };
    },
  );

  app.put(
    '/programmes/:id/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary: 'Record a session’s attendance',
        description:
          'Replaces the whole record, as the session page’s form does: participants left out have no mark. Only the cohort’s participants can be marked; for the people running the programme. Audited.',
        params: attendanceParams,
        body: z.object({ data: z.array(attendanceRecord).max(2000) }),
        response: { 200: listOf(attendanceRecord), ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadProgramme(request, request.params.id);
      const session = await loadSession(request, loaded, request.params.sessionId);
      const seen = new Set<string>();
      const repeated = request.body.data.flatMap((record, index) => {
        if (!seen.has(record.personId)) return (seen.add(record.personId), []);
        return [{ field: `data.${index}.personId`, message: 'Each person can be marked once' }];
      });
      if (repeated.length) throw new FieldProblemsError(repeated);
      const marks = Object.fromEntries(request.body.data.map((record) => [record.personId, record.status]));
      await recordAttendance(db, loaded.ctx, loaded.access, session, marks);
      return { data: await attendanceOf(db, loaded.ctx.workspace.id, session.id), next: null };
    },
  );
};
