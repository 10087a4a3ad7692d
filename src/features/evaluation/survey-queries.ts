import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { people } from '../people/tables.ts';
import { outcomeDomains, surveyItems, surveyQuestions, surveyResponses, surveys, type SurveyWave } from './tables.ts';

/*
 * Reading a programme's evaluation: its outcome domains, question bank and surveys.
 */

export const waveLabels: Record<SurveyWave, string> = { baseline: 'Baseline', midpoint: 'Mid-point', final: 'Final', follow_up: 'Follow-up' };

/* ---------- Outcome framework and questions ---------- */

export function domainsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select()
    .from(outcomeDomains)
    .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId)))
    .orderBy(asc(outcomeDomains.position), asc(outcomeDomains.name));
}

export function questionsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      question: surveyQuestions,
      answers: sql<number>`(select count(*)::int from survey_answers a where a.workspace_id = ${surveyQuestions.workspaceId} and a.question_id = ${surveyQuestions.id})`,
    })
    .from(surveyQuestions)
    .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId)))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.createdAt));
}

/* ---------- Surveys ---------- */

export function surveysOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      survey: surveys,
      questions: sql<number>`(select count(*)::int from survey_items i where i.workspace_id = ${surveys.workspaceId} and i.survey_id = ${surveys.id})`,
      invited: sql<number>`(select count(*)::int from survey_invitations i where i.workspace_id = ${surveys.workspaceId} and i.survey_id = ${surveys.id})`,
      started: sql<number>`(select count(*)::int from survey_responses r where r.workspace_id = ${surveys.workspaceId} and r.survey_id = ${surveys.id})`,
      submitted: sql<number>`(select count(*)::int from survey_responses r where r.workspace_id = ${surveys.workspaceId} and r.survey_id = ${surveys.id} and r.status = 'submitted')`,
    })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId)))
    .orderBy(sql`array_position(array['baseline','midpoint','final','follow_up'], ${surveys.wave})`);
}

export async function findSurvey(db: Executor, workspaceId: string, programmeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.id, id)));
  return survey;
}

export function surveyQuestionList(db: Executor, workspaceId: string, surveyId: string) {
  return db
    .select({ question: surveyQuestions, required: surveyItems.required, position: surveyItems.position })
    .from(surveyItems)
    .innerJoin(surveyQuestions, and(eq(surveyQuestions.workspaceId, surveyItems.workspaceId), eq(surveyQuestions.id, surveyItems.questionId)))
    .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.surveyId, surveyId)))
    .orderBy(asc(surveyItems.position));
}

/** Named answers of one survey, for the people running it; anonymous surveys hold no names to show. */
export async function namedResponses(db: Executor, workspaceId: string, surveyId: string) {
  return db
    .select({ id: surveyResponses.id, personName: people.fullName, status: surveyResponses.status, submittedAt: surveyResponses.submittedAt })
    .from(surveyResponses)
    .innerJoin(people, and(eq(people.workspaceId, surveyResponses.workspaceId), eq(people.id, surveyResponses.personId)))
    .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)))
    .orderBy(asc(people.fullName));
}
