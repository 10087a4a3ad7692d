import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { surveyItems, surveyQuestions, surveys, type SurveyWave } from './tables.ts';
import { EvaluationRuleError, waveLabels } from './survey-queries.ts';

/*
 * A survey's wave, questions and closing date.
 */

export interface SurveyInput {
  title: string;
  wave: SurveyWave;
  introduction: string;
  anonymous: boolean;
  closesOn: string | null;
  questionIds: string[];
}

/** Create or change a survey; its questions can change only while it is a draft. */
export async function saveSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: SurveyInput, id?: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  const ids = [...new Set(input.questionIds)];
  if (ids.length === 0) throw new EvaluationRuleError('questionIds', 'Choose at least one question for the survey');
  const { questionIds: _ignored, ...fields } = input;
  return db.transaction(async (tx) => {
    const found = ids.every(isUuid)
      ? await tx
          .select({ id: surveyQuestions.id, position: surveyQuestions.position, kind: surveyQuestions.kind })
          .from(surveyQuestions)
          .where(and(eq(surveyQuestions.programmeId, programmeId), inArray(surveyQuestions.id, ids)))
      : [];
    if (found.length !== ids.length) throw new EvaluationRuleError('questionIds', 'Choose questions from this programme’s list');
    let surveyId = id;
    if (surveyId) {
      const [existing] = await tx
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.id, surveyId)));
      if (!existing) throw new NotFoundError();
      if (existing.status !== 'draft' && (existing.anonymous !== fields.anonymous || existing.wave !== fields.wave)) {
        throw new EvaluationRuleError('anonymous', 'This survey has been opened, so whether it is anonymous and which wave it is cannot change.');
      }
      await tx
        .update(surveys)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(surveys.id, surveyId));
      if (existing.status !== 'draft') return surveyId;
      await tx.delete(surveyItems).where(eq(surveyItems.surveyId, surveyId));
    } else {
      const [clash] = await tx
        .select({ id: surveys.id })
        .from(surveys)
        .where(and(eq(surveys.programmeId, programmeId), eq(surveys.wave, fields.wave)));
      if (clash) throw new EvaluationRuleError('wave', `This programme already has a ${waveLabels[fields.wave].toLowerCase()} survey`);
      const [row] = await tx
        .insert(surveys)
        .values({ workspaceId, programmeId, ...fields })
        .returning({ id: surveys.id });
      surveyId = row.id;
      await recordAudit(tx, workspaceId, ctx.actor, {
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
