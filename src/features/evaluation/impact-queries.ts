import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { programmeSessions } from '../programmes/tables.ts';
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

/** Anyone in the cohort records an example; the people running the programme verify it. */
export const mayRecordImpact = (access: ProgrammeAccess) => programmePolicy.manage(access) || programmePolicy.participate(access);

export async function impactLog(db: Executor, workspaceId: string, programmeId: string) {
  const examples = await db
    .select({ example: impactExamples, recordedBy: people.fullName })
    .from(impactExamples)
    .leftJoin(people, and(eq(people.workspaceId, impactExamples.workspaceId), eq(people.id, impactExamples.recordedByPersonId)))
    .where(and(eq(impactExamples.workspaceId, workspaceId), eq(impactExamples.programmeId, programmeId)))
    .orderBy(desc(impactExamples.occurredOn), desc(impactExamples.createdAt));
  const ids = examples.map((row) => row.example.id);
  const [evidence, sessions] = ids.length
    ? await Promise.all([
        db
          .select({ impactId: impactEvidence.impactId, id: evidenceItems.id, title: evidenceItems.title })
          .from(impactEvidence)
          .innerJoin(evidenceItems, and(eq(evidenceItems.workspaceId, impactEvidence.workspaceId), eq(evidenceItems.id, impactEvidence.evidenceId)))
          .where(and(eq(impactEvidence.workspaceId, workspaceId), inArray(impactEvidence.impactId, ids))),
        db
          .select({ impactId: impactSessions.impactId, id: programmeSessions.id, title: programmeSessions.title })
          .from(impactSessions)
          .innerJoin(programmeSessions, and(eq(programmeSessions.workspaceId, impactSessions.workspaceId), eq(programmeSessions.id, impactSessions.sessionId)))
          .where(and(eq(impactSessions.workspaceId, workspaceId), inArray(impactSessions.impactId, ids))),
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
    .innerJoin(surveyQuestions, and(eq(surveyQuestions.workspaceId, surveyAnswers.workspaceId), eq(surveyQuestions.id, surveyAnswers.questionId)))
    .innerJoin(surveyResponses, and(eq(surveyResponses.workspaceId, surveyAnswers.workspaceId), eq(surveyResponses.id, surveyAnswers.responseId)))
    .innerJoin(surveys, and(eq(surveys.workspaceId, surveyResponses.workspaceId), eq(surveys.id, surveyResponses.surveyId)))
    .leftJoin(answerTags, and(eq(answerTags.responseId, surveyAnswers.responseId), eq(answerTags.questionId, surveyAnswers.questionId)))
    .leftJoin(outcomeDomains, and(eq(outcomeDomains.workspaceId, answerTags.workspaceId), eq(outcomeDomains.id, answerTags.domainId)))
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
