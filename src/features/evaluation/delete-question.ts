import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { surveyAnswers, surveyQuestions } from './tables.ts';

/** Delete a question nobody has answered (answers are never thrown away). */
export function deleteQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string): Promise<void> {
  return runOperation(db, ctx, 'delete a question', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const [answered] = await tx
      .select({ n: count() })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.workspaceId, workspaceId), eq(surveyAnswers.questionId, id)));
    if (answered.n > 0) throw new RuleError('questions', 'People have answered this question, so it cannot be deleted: their answers would be lost.');
    const [deleted] = await tx
      .delete(surveyQuestions)
      .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId), eq(surveyQuestions.id, id)))
      .returning({ text: surveyQuestions.text });
    if (!deleted) throw new NotFoundError();
    await audit({
      action: 'evaluation.question_deleted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Deleted the question “${deleted.text.slice(0, 120)}”`,
    });
  });
}
