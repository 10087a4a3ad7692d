import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { people } from '../people/tables.ts';
import type { Session } from './queries.ts';
import { attendance, changeFeedback, programmeChanges, programmeSessions, sessionFeedback } from './tables.ts';

/** Why someone may not give feedback on a session now, or undefined if they may. */
export async function feedbackRefusal(db: Executor, workspaceId: string, session: Session, personId: string): Promise<string | undefined> {
  if (session.startsAt > new Date()) return 'Feedback opens once the session has taken place.';
  const [attended] = await db
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.workspaceId, workspaceId), eq(attendance.sessionId, session.id), eq(attendance.personId, personId)));
  if (attended?.status !== 'attended')
    return 'Only people recorded as attending a session can give feedback on it. If you were there, ask a facilitator to update the attendance.';
  const [given] = await db
    .select({ id: sessionFeedback.id })
    .from(sessionFeedback)
    .where(and(eq(sessionFeedback.workspaceId, workspaceId), eq(sessionFeedback.sessionId, session.id), eq(sessionFeedback.personId, personId)));
  if (given) return 'You have already given feedback on this session. Thank you.';
  return undefined;
}

export interface FeedbackRow {
  id: string;
  sessionId: string;
  sessionTitle: string;
  startsAt: Date;
  usefulness: number;
  mostUseful: string;
  toChange: string;
  createdAt: Date;
}

/** Every piece of feedback on a programme, newest session first; who gave it is not shown. */
export function programmeFeedback(db: Executor, workspaceId: string, programmeId: string): Promise<FeedbackRow[]> {
  return db
    .select({
      id: sessionFeedback.id,
      sessionId: programmeSessions.id,
      sessionTitle: programmeSessions.title,
      startsAt: programmeSessions.startsAt,
      usefulness: sessionFeedback.usefulness,
      mostUseful: sessionFeedback.mostUseful,
      toChange: sessionFeedback.toChange,
      createdAt: sessionFeedback.createdAt,
    })
    .from(sessionFeedback)
    .innerJoin(programmeSessions, and(eq(programmeSessions.workspaceId, sessionFeedback.workspaceId), eq(programmeSessions.id, sessionFeedback.sessionId)))
    .where(and(eq(sessionFeedback.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId)))
    .orderBy(desc(programmeSessions.startsAt), asc(sessionFeedback.createdAt));
}

export async function programmeChangeLog(db: Executor, workspaceId: string, programmeId: string) {
  const changes = await db
    .select({
      id: programmeChanges.id,
      youSaid: programmeChanges.youSaid,
      weDid: programmeChanges.weDid,
      madeOn: programmeChanges.madeOn,
      recordedBy: people.fullName,
      feedbackCount: sql<number>`(select count(*)::int from programme_change_feedback cf where cf.workspace_id = ${programmeChanges.workspaceId} and cf.change_id = ${programmeChanges.id})`,
    })
    .from(programmeChanges)
    .leftJoin(people, and(eq(people.workspaceId, programmeChanges.workspaceId), eq(people.id, programmeChanges.recordedByPersonId)))
    .where(and(eq(programmeChanges.workspaceId, workspaceId), eq(programmeChanges.programmeId, programmeId)))
    .orderBy(desc(programmeChanges.madeOn), desc(programmeChanges.createdAt));
  return changes;
}

/** The feedback quoted as prompting each change, for facilitators. */
export async function feedbackBehindChanges(db: Executor, workspaceId: string, changeIds: string[]) {
  if (changeIds.length === 0) return new Map<string, Array<{ sessionTitle: string; text: string }>>();
  const list = await db
    .select({
      changeId: changeFeedback.changeId,
      sessionTitle: programmeSessions.title,
      toChange: sessionFeedback.toChange,
      mostUseful: sessionFeedback.mostUseful,
    })
    .from(changeFeedback)
    .innerJoin(sessionFeedback, and(eq(sessionFeedback.workspaceId, changeFeedback.workspaceId), eq(sessionFeedback.id, changeFeedback.feedbackId)))
    .innerJoin(programmeSessions, and(eq(programmeSessions.workspaceId, sessionFeedback.workspaceId), eq(programmeSessions.id, sessionFeedback.sessionId)))
    .where(and(eq(changeFeedback.workspaceId, workspaceId), inArray(changeFeedback.changeId, changeIds)));
  const byChange = new Map<string, Array<{ sessionTitle: string; text: string }>>();
  for (const row of list) {
    const quotes = byChange.get(row.changeId) ?? [];
    quotes.push({ sessionTitle: row.sessionTitle, text: row.toChange || row.mostUseful });
    byChange.set(row.changeId, quotes);
  }
  return byChange;
}
