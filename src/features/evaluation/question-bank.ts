import { and, count, eq, max } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { AGREEMENT_5, AGREEMENT_7, defaultClosingQuestions, defaultFramework } from './framework.ts';
import { outcomeDomains, surveyAnswers, surveyQuestions, type QuestionKind } from './tables.ts';
import { EvaluationRuleError } from './survey-queries.ts';

/*
 * The outcome framework and question bank: domains and the questions that measure them.
 */

/** Start a programme's framework from the five Mobilise domains and their items, plus the closing questions. */
export async function useDefaultFramework(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(outcomeDomains).where(eq(outcomeDomains.programmeId, programmeId));
    if (existing.n > 0) throw new EvaluationRuleError('framework', 'This programme already has outcome domains. Edit them instead.');
    await createDefaultFramework(tx, workspaceId, programmeId);
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'evaluation.framework',
      entityType: 'programme',
      entityId: programmeId,
      summary: 'Started the outcome framework from the five Mobilise domains',
    });
  });
}

/** The default domains and questions, written in the caller's transaction (also used by the example data). */
export async function createDefaultFramework(tx: Executor, workspaceId: string, programmeId: string) {
  {
    let position = 0;
    for (const [index, domain] of defaultFramework.entries()) {
      const [row] = await tx
        .insert(outcomeDomains)
        .values({ workspaceId, programmeId, name: domain.name, description: domain.description, position: index })
        .returning({ id: outcomeDomains.id });
      await tx.insert(surveyQuestions).values(
        domain.items.map((text) => ({
          workspaceId,
          programmeId,
          domainId: row.id,
          kind: 'likert' as const,
          text,
          scalePoints: 5,
          scaleLabels: AGREEMENT_5,
          position: position++,
        })),
      );
    }
    await tx.insert(surveyQuestions).values([
      {
        workspaceId,
        programmeId,
        kind: 'likert',
        text: defaultClosingQuestions.practiceChange,
        scalePoints: 5,
        scaleLabels: AGREEMENT_5,
        measuresPracticeChange: true,
        position: position++,
      },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.whatChanged, position: position++ },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.anythingElse, position: position++ },
    ]);
  }
}

export async function saveDomain(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: { name: string; description: string },
  id?: string,
) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (id) {
    if (!isUuid(id)) throw new NotFoundError();
    const updated = await db
      .update(outcomeDomains)
      .set(input)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, id)))
      .returning({ id: outcomeDomains.id });
    if (!updated.length) throw new NotFoundError();
    return id;
  }
  const [last] = await db
    .select({ position: max(outcomeDomains.position) })
    .from(outcomeDomains)
    .where(eq(outcomeDomains.programmeId, programmeId));
  const [row] = await db
    .insert(outcomeDomains)
    .values({ workspaceId, programmeId, ...input, position: (last?.position ?? -1) + 1 })
    .returning({ id: outcomeDomains.id });
  return row.id;
}

export async function deleteDomain(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(id)) throw new NotFoundError();
  // Its questions stay, outside any domain, so no answers are lost.
  const deleted = await db
    .delete(outcomeDomains)
    .where(and(eq(outcomeDomains.workspaceId, ctx.workspace.id), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, id)))
    .returning({ name: outcomeDomains.name });
  if (!deleted.length) throw new NotFoundError();
  return deleted[0].name;
}

export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  hint: string;
  domainId: string | null;
  scalePoints: number | null;
  options: string[];
  measuresPracticeChange: boolean;
}

export async function saveQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: QuestionInput, id?: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (input.domainId) {
    const [domain] = isUuid(input.domainId)
      ? await db
          .select({ id: outcomeDomains.id })
          .from(outcomeDomains)
          .where(and(eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, input.domainId)))
      : [];
    if (!domain) throw new EvaluationRuleError('domainId', 'Choose one of this programme’s outcome domains');
  }
  const scaled = input.kind === 'likert' || input.kind === 'retrospective';
  const values = {
    ...input,
    scalePoints: scaled ? (input.scalePoints ?? 5) : null,
    scaleLabels: scaled ? (input.scalePoints === 7 ? AGREEMENT_7 : AGREEMENT_5) : [],
    options: input.kind === 'single' || input.kind === 'multiple' ? input.options : [],
    measuresPracticeChange: scaled && input.measuresPracticeChange,
  };
  return db.transaction(async (tx) => {
    if (id) {
      const [before] = isUuid(id)
        ? await tx
            .select()
            .from(surveyQuestions)
            .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId), eq(surveyQuestions.id, id)))
        : [];
      if (!before) throw new NotFoundError();
      const [answered] = await tx.select({ n: count() }).from(surveyAnswers).where(eq(surveyAnswers.questionId, id));
      if (answered.n > 0 && (before.kind !== values.kind || before.scalePoints !== values.scalePoints)) {
        throw new EvaluationRuleError('kind', 'People have answered this question, so its kind and scale cannot change. Add a new question instead.');
      }
      await tx.update(surveyQuestions).set(values).where(eq(surveyQuestions.id, id));
      return id;
    }
    const [last] = await tx
      .select({ position: max(surveyQuestions.position) })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.programmeId, programmeId));
    const [row] = await tx
      .insert(surveyQuestions)
      .values({ workspaceId, programmeId, ...values, position: (last?.position ?? -1) + 1 })
      .returning({ id: surveyQuestions.id });
    return row.id;
  });
}

export async function deleteQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(id)) throw new NotFoundError();
  const [answered] = await db.select({ n: count() }).from(surveyAnswers).where(eq(surveyAnswers.questionId, id));
  if (answered.n > 0) throw new EvaluationRuleError('questions', 'People have answered this question, so it cannot be deleted: their answers would be lost.');
  const deleted = await db
    .delete(surveyQuestions)
    .where(and(eq(surveyQuestions.workspaceId, ctx.workspace.id), eq(surveyQuestions.programmeId, programmeId), eq(surveyQuestions.id, id)))
    .returning({ id: surveyQuestions.id });
  if (!deleted.length) throw new NotFoundError();
}
