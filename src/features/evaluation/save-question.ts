import { and, count, eq, max } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { AGREEMENT_5, AGREEMENT_7 } from './framework.ts';
import type { QuestionInput } from './schemas.ts';
import { outcomeDomains, surveyAnswers, surveyQuestions } from './tables.ts';

/** Add a question to the bank, or change one; once answered, its kind and scale stay as they were. */
export function saveQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: QuestionInput, id?: string): Promise<string> {
  const scaled = input.kind === 'likert' || input.kind === 'retrospective';
  const values = {
    ...input,
    scalePoints: scaled ? (input.scalePoints ?? 5) : null,
    scaleLabels: scaled ? (input.scalePoints === 7 ? AGREEMENT_7 : AGREEMENT_5) : [],
    options: input.kind === 'single' || input.kind === 'multiple' ? input.options : [],
    measuresPracticeChange: scaled && input.measuresPracticeChange,
  };
  return runOperation(db, ctx, 'save a question', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    if (input.domainId) {
      const [domain] = await tx
        .select({ id: outcomeDomains.id })
        .from(outcomeDomains)
        .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, input.domainId)));
      if (!domain) throw new RuleError('domainId', 'Choose one of this programme’s outcome domains');
    }
    const ofProgramme = and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId));
    if (id) {
      const [before] = await tx
        .select()
        .from(surveyQuestions)
        .where(and(ofProgramme, eq(surveyQuestions.id, id)));
      if (!before) throw new NotFoundError();
      const [answered] = await tx
        .select({ n: count() })
        .from(surveyAnswers)
        .where(and(eq(surveyAnswers.workspaceId, workspaceId), eq(surveyAnswers.questionId, id)));
      if (answered.n > 0 && (before.kind !== values.kind || before.scalePoints !== values.scalePoints)) {
        throw new RuleError('kind', 'People have answered this question, so its kind and scale cannot change. Add a new question instead.');
      }
      await tx
        .update(surveyQuestions)
        .set(values)
        .where(and(ofProgramme, eq(surveyQuestions.id, id)));
      await audit({
        action: 'evaluation.question_updated',
        entityType: 'programme',
        entityId: programmeId,
        summary: `Changed the question “${values.text.slice(0, 120)}”`,
        changes: changedFields(before, values),
      });
      return id;
    }
    const [last] = await tx
      .select({ position: max(surveyQuestions.position) })
      .from(surveyQuestions)
      .where(ofProgramme);
    const [row] = await tx
      .insert(surveyQuestions)
      .values({ workspaceId, programmeId, ...values, position: (last?.position ?? -1) + 1 })
      .returning({ id: surveyQuestions.id });
    await audit({
      action: 'evaluation.question_added',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Added the question “${values.text.slice(0, 120)}”`,
    });
    return row.id;
  });
}
