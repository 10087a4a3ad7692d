import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { londonToday } from '../../core/dates.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { programmeKindLabels, cohortRoleLabels } from '../../core/views/labels.ts';
import { topicOptions } from '../topics/queries.ts';
import { needsSummary } from './needs-queries.ts';
import { loadProgramme } from './load.ts';
import { programmePolicy } from './policy.ts';
import { cohortOf, listProgrammes, programmeTopicIds, programmeTopicNames, sessionsOf, speakerOptions } from './queries.ts';
import { addCohortMember } from './add-cohort-member.ts';
import { deleteProgramme } from './delete-programme.ts';
import { removeCohortMember } from './remove-cohort-member.ts';
import { saveProgramme } from './save-programme.ts';
import { cohortMemberSchema, memberParams, programmeParams, programmeSchema } from './schemas.ts';
import { programmeOverviewPanels } from './overview-panels.ts';
import { programmeKinds, cohortRoles } from './tables.ts';

const kindItems = programmeKinds.map((value) => ({ value, text: programmeKindLabels[value] }));
const cohortRoleItems = cohortRoles.map((value) => ({ value, text: cohortRoleLabels[value] }));

export const programmeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function formPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, programme?: { id: string; name: string }) {
    const ctx = workspaceContext(request);
    return {
      title: programme ? `Edit ${programme.name}` : 'Start a programme',
      programme,
      values,
      errors,
      kindItems,
      topicItems: await topicOptions(db, ctx.workspace.id),
    };
  }

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    const list = await listProgrammes(db, ctx.workspace.id, ctx.member);
    const today = londonToday();
    return reply.page('programmes/views/list.njk', {
      title: 'Programmes',
      current: list.filter((p) => p.endsOn >= today),
      finished: list.filter((p) => p.endsOn < today),
      canCreate: programmePolicy.create(ctx.member),
      seesAll: programmePolicy.seeAll(ctx.member),
    });
  });

  app.get('/new', async (request, reply) => {
    authorize(programmePolicy.create(workspaceContext(request).member));
    return reply.page('programmes/views/form.njk', await formPage(request, { kind: 'cohort_learning' }, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(programmePolicy.create(ctx.member));
    return submitForm(reply, {
      schema: programmeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/form.njk', await formPage(request, request.body, errors)),
      save: (input) => saveProgramme(db, ctx, input),
      done: (id, input) => ({
        to: `/w/${ctx.workspace.slug}/programmes/${id}/cohort`,
        flash: `Started ${input.name}. Add the cohort next; the lessons of past programmes that fit it are on its Lessons tab.`,
      }),
    });
  });

  app.get('/:programmeId', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const { ctx, programme } = loaded;
    const [topics, cohort, sessions, needs] = await Promise.all([
      programmeTopicNames(db, ctx.workspace.id, programme.id),
      cohortOf(db, ctx.workspace.id, programme.id),
      sessionsOf(db, ctx.workspace.id, programme.id),
      needsSummary(db, ctx.workspace.id, programme.id),
    ]);
    const now = new Date();
    const participants = cohort.filter((person) => person.role === 'participant');
    const past = sessions.filter((session) => session.endsAt < now);
    const ratings = past.filter((session) => session.averageUsefulness !== null);
    const start = Date.parse(programme.startsOn);
    const span = Math.max(1, Date.parse(programme.endsOn) + 86_400_000 - start);
    // Features built on programmes (the delivery loop) add their own part of the overview.
    const panel = await programmeOverviewPanels.collect(db, ctx.workspace.id, programme);
    return reply.page('programmes/views/show.njk', {
      ...panel,
      ...loaded,
      title: programme.name,
      topics,
      participants,
      facilitators: cohort.filter((person) => person.role === 'facilitator'),
      sessions,
      upcoming: sessions.filter((session) => session.endsAt >= now).slice(0, 4),
      needs,
      progress: {
        sessionsHeld: past.length,
        intakeDone: participants.filter((person) => person.intakeDone).length,
        averageAttendance:
          past.length && participants.length ? Math.round((100 * past.reduce((sum, s) => sum + s.attended, 0)) / (past.length * participants.length)) : null,
        averageUsefulness: ratings.length ? (ratings.reduce((sum, s) => sum + (s.averageUsefulness ?? 0), 0) / ratings.length).toFixed(1) : null,
        elapsed: Math.min(100, Math.max(0, Math.round((100 * (now.getTime() - start)) / span))),
      },
      // Each session's place along the programme's timeline, as a percentage.
      timeline: sessions.map((session) => ({
        ...session,
        at: Math.min(100, Math.max(0, ((session.startsAt.getTime() - start) / span) * 100)).toFixed(1),
        past: session.endsAt < now,
      })),
      calendarUrl: `${app.deps.config.publicUrl}/calendars/${programme.calendarToken}.ics`,
      canDelete: programmePolicy.delete(loaded.access),
    });
  });

  app.get('/:programmeId/edit', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    const topicIds = await programmeTopicIds(db, loaded.ctx.workspace.id, loaded.programme.id);
    return reply.page('programmes/views/form.njk', await formPage(request, { ...loaded.programme, topicIds }, noErrors, loaded.programme));
  });

  app.post('/:programmeId/edit', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return submitForm(reply, {
      schema: programmeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/form.njk', await formPage(request, request.body, errors, loaded.programme)),
      save: (input) => saveProgramme(db, loaded.ctx, input, { ...loaded.access, programmeId: loaded.programme.id }),
      // New aims call for the lessons that fit them: the team is shown them straight away.
      done: (_id, input) =>
        input.aims !== loaded.programme.aims || input.summary !== loaded.programme.summary
          ? { to: `${loaded.base}/lessons`, flash: `Saved ${input.name}. These are the lessons of past programmes that fit its aims now.` }
          : { to: loaded.base, flash: `Saved ${input.name}.` },
    });
  });

  app.post('/:programmeId/delete', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const name = await deleteProgramme(db, loaded.ctx, loaded.access, loaded.programme.id);
    setFlash(reply, { kind: 'success', text: `Deleted ${name}.` });
    return reply.redirect(`/w/${loaded.ctx.workspace.slug}/programmes`);
  });

  async function cohortPage(request: FastifyRequest, programmeId: string, values: Record<string, unknown>, errors: FormErrors) {
    const loaded = await loadProgramme(request, programmeId);
    const cohort = await cohortOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const inCohort = new Set(cohort.map((person) => person.personId));
    const personItems = loaded.canManage ? (await speakerOptions(db, loaded.ctx.workspace.id)).filter((option) => !inCohort.has(option.value)) : [];
    return {
      ...loaded,
      title: `Cohort – ${loaded.programme.name}`,
      participants: cohort.filter((person) => person.role === 'participant'),
      facilitators: cohort.filter((person) => person.role === 'facilitator'),
      personItems,
      cohortRoleItems,
      values,
      errors,
    };
  }

  app.get('/:programmeId/cohort', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('programmes/views/cohort.njk', await cohortPage(request, request.params.programmeId, { role: 'participant' }, noErrors)),
  );

  app.post('/:programmeId/cohort', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return submitForm(reply, {
      schema: cohortMemberSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/cohort.njk', await cohortPage(request, loaded.programme.id, request.body, errors)),
      save: (input) => addCohortMember(db, loaded.ctx, loaded.access, loaded.programme.id, input.personId, input.role),
      done: (name, input) => ({ to: `${loaded.base}/cohort`, flash: `Added ${name} as a ${input.role}.` }),
    });
  });

  app.post('/:programmeId/cohort/:memberId/remove', { schema: { params: memberParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const name = await removeCohortMember(db, loaded.ctx, loaded.access, loaded.programme.id, request.params.memberId);
    setFlash(reply, { kind: 'success', text: `${name} is no longer in the cohort.` });
    return reply.redirect(`${loaded.base}/cohort`);
  });
};
