import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { EvaluationRuleError } from './survey-queries.ts';
import {
  answerTags,
  impactEvidence,
  impactExamples,
  impactLevels,
  impactSessions,
  outcomeDomains,
  surveyAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
  type ImpactLevel,
} from './tables.ts';

export const impactLevelLabels: Record<ImpactLevel, string> = {
  awareness: 'Awareness: people know of the evidence',
  discussion: 'Discussion: it shaped a conversation or a paper',
  decision: 'Decision: it changed a decision',
  implementation: 'Implementation: it changed what is delivered',
};

export interface ImpactInput {
  level: ImpactLevel;
  whatChanged: string;
  policyOrDecision: string;
  description: string;
  occurredOn: string;
  confirmer: string;
  evidenceIds: string[];
  sessionIds: string[];
}

/** Anyone in the cohort records an example; the people running the programme verify it. */
export const mayRecordImpact = (access: ProgrammeAccess) => programmePolicy.manage(access) || programmePolicy.participate(access);

export async function saveImpact(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ImpactInput, id?: string) {
  authorize(mayRecordImpact(access));
  const workspaceId = ctx.workspace.id;
  const { evidenceIds, sessionIds, ...fields } = input;
  return db.transaction(async (tx) => {
    const evidence = [...new Set(evidenceIds)];
    if (
      evidence.length &&
      (!evidence.every(isUuid) ||
        (
          await tx
            .select({ id: evidenceItems.id })
            .from(evidenceItems)
            .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, evidence)))
        ).length !== evidence.length)
    ) {
      throw new EvaluationRuleError('evidenceIds', 'Choose evidence from the library');
    }
    const sessionList = [...new Set(sessionIds)];
    if (
      sessionList.length &&
      (!sessionList.every(isUuid) ||
        (
          await tx
            .select({ id: programmeSessions.id })
            .from(programmeSessions)
            .where(and(eq(programmeSessions.programmeId, programmeId), inArray(programmeSessions.id, sessionList)))
        ).length !== sessionList.length)
    ) {
      throw new EvaluationRuleError('sessionIds', 'Choose sessions from this programme');
    }
    let impactId = id;
    if (impactId) {
      const [existing] = isUuid(impactId)
        ? await tx
            .select()
            .from(impactExamples)
            .where(and(eq(impactExamples.workspaceId, workspaceId), eq(impactExamples.programmeId, programmeId), eq(impactExamples.id, impactId)))
        : [];
      if (!existing) throw new NotFoundError();
      authorize(programmePolicy.manage(access) || existing.recordedByPersonId === ctx.member.personId, 'You can change the examples you recorded.');
      // A changed example needs checking again.
      await tx
        .update(impactExamples)
        .set({ ...fields, verifiedAt: null, verifiedByPersonId: null, updatedAt: new Date() })
        .where(eq(impactExamples.id, impactId));
      await tx.delete(impactEvidence).where(eq(impactEvidence.impactId, impactId));
      await tx.delete(impactSessions).where(eq(impactSessions.impactId, impactId));
    } else {
      const [row] = await tx
        .insert(impactExamples)
        .values({ workspaceId, programmeId, ...fields, recordedByPersonId: ctx.member.personId })
        .returning({ id: impactExamples.id });
      impactId = row.id;
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'impact.recorded',
        entityType: 'impact',
        entityId: impactId,
        summary: `Recorded evidence use: ${fields.whatChanged.slice(0, 120)}`,
      });
    }
    if (evidence.length) await tx.insert(impactEvidence).values(evidence.map((evidenceId) => ({ workspaceId, impactId: impactId, evidenceId })));
    if (sessionList.length) await tx.insert(impactSessions).values(sessionList.map((sessionId) => ({ workspaceId, impactId: impactId, sessionId })));
    return impactId;
  });
}

export async function verifyImpact(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string, verified: boolean) {
  authorize(programmePolicy.manage(access), 'Only the people running the programme verify examples.');
  if (!isUuid(id)) throw new NotFoundError();
  const updated = await db
    .update(impactExamples)
    .set({ verifiedAt: verified ? new Date() : null, verifiedByPersonId: verified ? ctx.member.personId : null })
    .where(and(eq(impactExamples.workspaceId, ctx.workspace.id), eq(impactExamples.programmeId, programmeId), eq(impactExamples.id, id)))
    .returning({ whatChanged: impactExamples.whatChanged });
  if (!updated.length) throw new NotFoundError();
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: verified ? 'impact.verified' : 'impact.unverified',
    entityType: 'impact',
    entityId: id,
    summary: `${verified ? 'Verified' : 'Withdrew verification of'}: ${updated[0].whatChanged.slice(0, 120)}`,
  });
}

export async function impactLog(db: Executor, workspaceId: string, programmeId: string) {
  const examples = await db
    .select({ example: impactExamples, recordedBy: people.fullName })
    .from(impactExamples)
    .leftJoin(people, eq(people.id, impactExamples.recordedByPersonId))
    .where(and(eq(impactExamples.workspaceId, workspaceId), eq(impactExamples.programmeId, programmeId)))
    .orderBy(desc(impactExamples.occurredOn), desc(impactExamples.createdAt));
  const ids = examples.map((row) => row.example.id);
  const [evidence, sessions] = ids.length
    ? await Promise.all([
        db
          .select({ impactId: impactEvidence.impactId, id: evidenceItems.id, title: evidenceItems.title })
          .from(impactEvidence)
          .innerJoin(evidenceItems, eq(evidenceItems.id, impactEvidence.evidenceId))
          .where(inArray(impactEvidence.impactId, ids)),
        db
          .select({ impactId: impactSessions.impactId, id: programmeSessions.id, title: programmeSessions.title })
          .from(impactSessions)
          .innerJoin(programmeSessions, eq(programmeSessions.id, impactSessions.sessionId))
          .where(inArray(impactSessions.impactId, ids)),
      ])
    : [[], []];
  return examples.map((row) => ({
    ...row.example,
    recordedBy: row.recordedBy,
    evidence: evidence.filter((e) => e.impactId === row.example.id),
    sessions: sessions.filter((s) => s.impactId === row.example.id),
  }));
}

export type ImpactExample = Awaited<ReturnType<typeof impactLog>>[number];

/** Counts by level, and by quarter, for the log and the report. */
export function impactCounts(examples: ImpactExample[]) {
  const byLevel = impactLevels.map((level) => ({
    level,
    n: examples.filter((e) => e.level === level).length,
    verified: examples.filter((e) => e.level === level && e.verifiedAt).length,
  }));
  const quarters = new Map<string, number>();
  for (const example of examples) {
    const [year, month] = example.occurredOn.split('-').map(Number);
    const quarter = `${year} Q${Math.floor((month - 1) / 3) + 1}`;
    quarters.set(quarter, (quarters.get(quarter) ?? 0) + 1);
  }
  const overTime = [...quarters].sort((a, b) => a[0].localeCompare(b[0])).map(([quarter, n]) => ({ quarter, n }));
  return { byLevel, overTime, total: examples.length, verified: examples.filter((e) => e.verifiedAt).length };
}

/* ---------- Quotes: free-text answers, tagged by domain and picked with consent ---------- */

export async function textAnswers(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      responseId: surveyAnswers.responseId,
      questionId: surveyAnswers.questionId,
      text: surveyAnswers.valueText,
      question: surveyQuestions.text,
      wave: surveys.wave,
      consent: surveyResponses.quoteConsent,
      domainId: answerTags.domainId,
      domainName: outcomeDomains.name,
      picked: sql<boolean>`coalesce(${answerTags.pickedAsQuote}, false)`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .leftJoin(answerTags, and(eq(answerTags.responseId, surveyAnswers.responseId), eq(answerTags.questionId, surveyAnswers.questionId)))
    .leftJoin(outcomeDomains, eq(outcomeDomains.id, answerTags.domainId))
    .where(
      and(
        eq(surveyAnswers.workspaceId, workspaceId),
        eq(surveys.programmeId, programmeId),
        eq(surveyQuestions.kind, 'text'),
        eq(surveyResponses.status, 'submitted'),
        sql`${surveyAnswers.valueText} <> ''`,
      ),
    )
    .orderBy(asc(surveys.wave), asc(surveyQuestions.position));
}

export async function tagAnswer(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  responseId: string,
  questionId: string,
  domainId: string | null,
  picked: boolean,
) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(responseId) || !isUuid(questionId)) throw new NotFoundError();
  const [answer] = await db
    .select({ consent: surveyResponses.quoteConsent })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveyAnswers.workspaceId, ctx.workspace.id),
        eq(surveys.programmeId, programmeId),
        eq(surveyAnswers.responseId, responseId),
        eq(surveyAnswers.questionId, questionId),
      ),
    );
  if (!answer) throw new NotFoundError();
  if (picked && !answer.consent) throw new EvaluationRuleError('picked', 'This person did not agree to be quoted, so their answer cannot be used as a quote.');
  if (
    domainId &&
    (!isUuid(domainId) ||
      (
        await db
          .select({ id: outcomeDomains.id })
          .from(outcomeDomains)
          .where(and(eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, domainId)))
      ).length === 0)
  ) {
    throw new EvaluationRuleError('domainId', 'Choose one of this programme’s outcome domains');
  }
  await db
    .insert(answerTags)
    .values({ workspaceId: ctx.workspace.id, responseId, questionId, domainId, pickedAsQuote: picked })
    .onConflictDoUpdate({ target: [answerTags.responseId, answerTags.questionId], set: { domainId, pickedAsQuote: picked } });
}
