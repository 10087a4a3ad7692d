import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { SurveyInput } from './schemas.ts';
import { waveLabels } from './survey-queries.ts';
import { surveyItems, surveyQuestions, surveys } from './tables.ts';

/*
 * A survey's wave, questions and closing date.
 */

/** Create or change a survey; its questions can change only while it is a draft. */
export function saveSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: SurveyInput, id?: string): Promise<string> {
  const ids = [...new Set(input.questionIds)];
  const { questionIds: _ignored, ...fields } = input;
  return runOperation(db, ctx, 'save a survey', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    if (ids.length === 0) throw new RuleError('questionIds', 'Choose at least one question for the survey');
    const found = ids.every(isUuid)
      ? await tx
          .select({ id: surveyQuestions.id, position: surveyQuestions.position, kind: surveyQuestions.kind })
          .from(surveyQuestions)
          .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId), inArray(surveyQuestions.id, ids)))
      : [];
    if (found.length !== ids.length) throw new RuleError('questionIds', 'Choose questions from this programme’s list');
    let surveyId = id;
    if (surveyId) {
      const [existing] = await tx
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.id, surveyId)));
      if (!existing) throw new NotFoundError();
      if (existing.status !== 'draft' && (existing.anonymous !== fields.anonymous || existing.wave !== fields.wave)) {
        throw new RuleError('anonymous', 'This survey has been opened, so whether it is anonymous and which wave it is cannot change.');
      }
      await tx
        .update(surveys)
        .set({ ...fields, updatedAt: new Date() })
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)));
      await audit({
        action: 'survey.updated',
        entityType: 'survey',
        entityId: surveyId,
        summary: `Changed the survey “${fields.title}”`,
        changes: changedFields(existing, fields),
      });
      if (existing.status !== 'draft') return surveyId;
      await tx.delete(surveyItems).where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.surveyId, surveyId)));
    } else {
      const [clash] = await tx
        .select({ id: surveys.id })
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.wave, fields.wave)));
      if (clash) throw new RuleError('wave', `This programme already has a ${waveLabels[fields.wave].toLowerCase()} survey`);
      const [row] = await tx
        .insert(surveys)
        .values({ workspaceId, programmeId, ...fields })
        .returning({ id: surveys.id });
      surveyId = row.id;
      await audit({
        action: 'survey.created',
        entityType: 'survey',
        entityId: surveyId,
        summary: `Created the ${waveLabels[fields.wave].toLowerCase()} survey “${fields.title}”`,
      });
    }
    const ordered = found.sort((a, b) => a.position - b.position);
    // Written answers are invited, not demanded: a respondent may have nothing to add.
    await tx
      .insert(surveyItems)
      .values(ordered.map((q, position) => ({ workspaceId, surveyId: surveyId, questionId: q.id, position, required: q.kind !== 'text' })));
    return surveyId;
  });
}
