import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { learningPreferenceLabels, needAnswerLabels } from '../../core/views/labels.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { answerStatement } from './answer-statement.ts';
import { createNeed } from './create-need.ts';
import { deleteNeed } from './delete-need.ts';
import { loadProgramme, type ProgrammeRequest } from './load.ts';
import { moveStatement } from './move-statement.ts';
import { expertCandidates, findIntake, matchExperts, needsSummary, sessionsByNeed, statementsOf, suggestGroups } from './needs-queries.ts';
import { cohortOf } from './queries.ts';
import {
  answerStatementSchema,
  intakeSchema,
  moveStatementSchema,
  needParams,
  needUpdateSchema,
  newNeedSchema,
  programmeParams,
  statementParams,
} from './schemas.ts';
import { submitIntake } from './submit-intake.ts';
import { updateNeed } from './update-need.ts';
import { learningPreferences, needAnswers } from './tables.ts';

const preferenceItems = learningPreferences.map((value) => ({ value, text: learningPreferenceLabels[value] }));

export const needsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function intakePage(loaded: ProgrammeRequest, values: Record<string, unknown> | undefined, errors: FormErrors) {
    authorize(loaded.isParticipant, 'Only the programme’s participants answer its needs intake.');
    let shown = values;
    if (!shown) {
      const existing = await findIntake(db, loaded.ctx.workspace.id, loaded.programme.id, loaded.ctx.member.personId);
      const mine = (await statementsOf(db, loaded.ctx.workspace.id, loaded.programme.id)).filter((s) => s.personId === loaded.ctx.member.personId);
      shown = existing ? { ...existing, wantToLearn: mine.map((s) => s.text).join('\n') } : {};
    }
    return { ...loaded, title: `Your needs – ${loaded.programme.name}`, values: shown, errors, preferenceItems };
  }

  app.get('/:programmeId/intake', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('programmes/views/intake.njk', await intakePage(await loadProgramme(request, request.params.programmeId), undefined, noErrors)),
  );

  app.post('/:programmeId/intake', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    return submitForm(reply, {
      schema: intakeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/intake.njk', await intakePage(loaded, request.body, errors)),
      save: (input) => submitIntake(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: (outcome) => ({
        to: loaded.base,
        flash: outcome === 'created' ? 'Thank you. Your needs will shape the programme.' : 'Your answers have been updated.',
      }),
    });
  });

  async function boardPage(loaded: ProgrammeRequest, errors: FormErrors = noErrors) {
    authorize(loaded.canManage);
    const workspaceId = loaded.ctx.workspace.id;
    const [needs, statements, cohort, candidates, coverage] = await Promise.all([
      needsSummary(db, workspaceId, loaded.programme.id),
      statementsOf(db, workspaceId, loaded.programme.id),
      cohortOf(db, workspaceId, loaded.programme.id),
      expertCandidates(db, workspaceId, loaded.programme.id),
      sessionsByNeed(db, workspaceId, loaded.programme.id),
    ]);
    const statementsByNeed = new Map<string, typeof statements>();
    for (const statement of statements) {
      if (statement.needId) statementsByNeed.set(statement.needId, [...(statementsByNeed.get(statement.needId) ?? []), statement]);
    }
    const needTexts = needs.map((need) => [need.title, need.description, ...(statementsByNeed.get(need.id) ?? []).map((s) => s.text)].join('. '));
    const experts = matchExperts(needTexts, candidates);
    const evidence = await Promise.all(needTexts.map((text) => evidenceMatching(db, workspaceId, text)));
    const participants = cohort.filter((person) => person.role === 'participant');
    return {
      ...loaded,
      title: `Needs board – ${loaded.programme.name}`,
      errors,
      needs: needs.map((need, index) => ({
        ...need,
        statements: statementsByNeed.get(need.id) ?? [],
        experts: experts[index],
        evidence: evidence[index],
        sessions: coverage.get(need.id) ?? [],
      })),
      unplanned: needs.filter((need) => need.sessions === 0).length,
      suggestions: suggestGroups(statements.filter((statement) => !statement.needId)),
      needItems: needs.map((need) => ({ value: need.id, text: need.title })),
      intakeCount: participants.filter((person) => person.intakeDone).length,
      participantCount: participants.length,
      waiting: participants.filter((person) => !person.intakeDone),
    };
  }

  app.get('/:programmeId/needs', { schema: { params: programmeParams } }, async (request, reply) =>
    reply.page('programmes/views/needs-board.njk', await boardPage(await loadProgramme(request, request.params.programmeId))),
  );

  app.post('/:programmeId/needs', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.canManage);
    return submitForm(reply, {
      schema: newNeedSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/needs-board.njk', await boardPage(loaded, errors)),
      save: ({ statementIds, ...input }) => createNeed(db, loaded.ctx, loaded.access, loaded.programme.id, input, statementIds),
      done: (_id, input) => ({ to: `${loaded.base}/needs`, flash: `Added “${input.title}” to the board.` }),
    });
  });

  app.post('/:programmeId/needs/:needId', { schema: { params: needParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const { needId } = request.params;
    if (request.body.action === 'delete') {
      const title = await deleteNeed(db, loaded.ctx, loaded.access, loaded.programme.id, needId);
      return redirectWithFlash(reply, `${loaded.base}/needs`, `Took “${title}” off the board; its statements are ungrouped again.`);
    }
    return submitForm(reply, {
      schema: needUpdateSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/needs-board.njk', await boardPage(loaded, errors)),
      save: (input) => updateNeed(db, loaded.ctx, loaded.access, loaded.programme.id, needId, input),
      done: (_result, input) => ({ to: `${loaded.base}/needs#need-${needId}`, flash: `Saved “${input.title}”.` }),
    });
  });

  app.post('/:programmeId/statements/:statementId/move', { schema: { params: statementParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    return submitForm(reply, {
      schema: moveStatementSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('programmes/views/needs-board.njk', await boardPage(loaded, errors)),
      save: ({ needId }) => moveStatement(db, loaded.ctx, loaded.access, loaded.programme.id, request.params.statementId, needId),
      done: (_result, { needId }) => ({ to: `${loaded.base}/needs`, flash: needId ? 'Moved the statement.' : 'The statement is ungrouped again.' }),
    });
  });

  app.get('/:programmeId/my-needs', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(loaded.isParticipant, 'Only participants have needs on this programme.');
    const mine = (await statementsOf(db, loaded.ctx.workspace.id, loaded.programme.id)).filter((s) => s.personId === loaded.ctx.member.personId);
    const needs = await needsSummary(db, loaded.ctx.workspace.id, loaded.programme.id);
    const byId = new Map(needs.map((need) => [need.id, need]));
    return reply.page('programmes/views/my-needs.njk', {
      ...loaded,
      title: `Your needs – ${loaded.programme.name}`,
      statements: mine.map((statement) => ({ ...statement, need: statement.needId ? byId.get(statement.needId) : undefined })),
      answerItems: needAnswers.map((value) => ({ value, text: needAnswerLabels[value] })),
    });
  });

  app.post('/:programmeId/statements/:statementId/answer', { schema: { params: statementParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const parsed = answerStatementSchema.safeParse(request.body);
    // The answer is one radio group on a list of needs: a missing choice is said in the banner above the list.
    if (!parsed.success) return redirectWithFlash(reply, `${loaded.base}/my-needs`, parsed.error.issues[0].message, 'important');
    await answerStatement(db, loaded.ctx, loaded.access, loaded.programme.id, request.params.statementId, parsed.data.answered);
    return redirectWithFlash(reply, `${loaded.base}/my-needs`, 'Thank you: your answer is saved.');
  });
};
