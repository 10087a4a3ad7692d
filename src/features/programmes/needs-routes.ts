import type { FastifyPluginAsync } from 'fastify';
import { authorize } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { asArray, fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { learningPreferenceLabels, needAnswerLabels } from '../../core/views/labels.ts';
import { loadProgramme, type ProgrammeRequest } from './load.ts';
import { answerStatement, createNeed, deleteNeed, findIntake, moveStatement, submitIntake, updateNeed } from './needs.ts';
import { evidenceMatching } from '../evidence/queries.ts';
import { expertCandidates, matchExperts, needsSummary, sessionsByNeed, statementsOf, suggestGroups } from './needs-queries.ts';
import { cohortOf } from './queries.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import { intakeSchema, needSchema } from './schemas.ts';
import { learningPreferences, needAnswers, type NeedAnswer } from './tables.ts';

const preferenceItems = learningPreferences.map((value) => ({ value, text: learningPreferenceLabels[value] }));

export const needsRoutes: FastifyPluginAsync = async (app) => {
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

  app.get('/:programmeId/intake', async (request, reply) =>
    reply.page('programmes/views/intake.njk', await intakePage(await loadProgramme(request), undefined, noErrors)),
  );

  app.post('/:programmeId/intake', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = intakeSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/intake.njk', await intakePage(loaded, body, formErrorsFrom(parsed.error)));
    const outcome = await submitIntake(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    setFlash(reply, { kind: 'success', text: outcome === 'created' ? 'Thank you. Your needs will shape the programme.' : 'Your answers have been updated.' });
    return reply.redirect(loaded.base);
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

  app.get('/:programmeId/needs', async (request, reply) => reply.page('programmes/views/needs-board.njk', await boardPage(await loadProgramme(request))));

  app.post('/:programmeId/needs', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = needSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/needs-board.njk', await boardPage(loaded, formErrorsFrom(parsed.error)));
    try {
      await createNeed(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data.title, parsed.data.description, asArray(body.statementIds));
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/needs-board.njk', await boardPage(loaded, fieldError(error.field, error.message)));
    }
    setFlash(reply, { kind: 'success', text: `Added “${parsed.data.title}” to the board.` });
    return reply.redirect(`${loaded.base}/needs`);
  });

  app.post('/:programmeId/needs/:needId', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const { needId } = request.params as { needId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.action === 'delete') {
      const title = await deleteNeed(db, loaded.ctx, loaded.access, loaded.programme.id, needId);
      setFlash(reply, { kind: 'success', text: `Took “${title}” off the board; its statements are ungrouped again.` });
      return reply.redirect(`${loaded.base}/needs`);
    }
    const parsed = needSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('programmes/views/needs-board.njk', await boardPage(loaded, formErrorsFrom(parsed.error)));
    await updateNeed(db, loaded.ctx, loaded.access, loaded.programme.id, needId, { ...parsed.data, addressed: body.addressed === 'yes' });
    setFlash(reply, { kind: 'success', text: `Saved “${parsed.data.title}”.` });
    return reply.redirect(`${loaded.base}/needs#need-${needId}`);
  });

  app.post('/:programmeId/statements/:statementId/move', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const needId = typeof body.needId === 'string' && body.needId !== '' ? body.needId : null;
    try {
      await moveStatement(db, loaded.ctx, loaded.access, loaded.programme.id, (request.params as { statementId: string }).statementId, needId);
    } catch (error) {
      if (!(error instanceof ProgrammeRuleError)) throw error;
      return reply.status(400).page('programmes/views/needs-board.njk', await boardPage(loaded, fieldError('needs', error.message)));
    }
    setFlash(reply, { kind: 'success', text: needId ? 'Moved the statement.' : 'The statement is ungrouped again.' });
    return reply.redirect(`${loaded.base}/needs`);
  });

  app.get('/:programmeId/my-needs', async (request, reply) => {
    const loaded = await loadProgramme(request);
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

  app.post('/:programmeId/statements/:statementId/answer', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answer = formText(body.answered);
    if (!(needAnswers as readonly string[]).includes(answer)) {
      setFlash(reply, { kind: 'important', text: 'Choose whether the need was answered, partly answered or not answered.' });
      return reply.redirect(`${loaded.base}/my-needs`);
    }
    await answerStatement(db, loaded.ctx, loaded.access, loaded.programme.id, (request.params as { statementId: string }).statementId, answer as NeedAnswer);
    setFlash(reply, { kind: 'success', text: 'Thank you: your answer is saved.' });
    return reply.redirect(`${loaded.base}/my-needs`);
  });
};
