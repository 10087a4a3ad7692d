import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { actionEntries, challenges, programmeSessions, sessionReadings, setPresentations } from './tables.ts';

export async function findChallenge(db: Executor, workspaceId: string, programmeId: string, personId: string) {
  const [challenge] = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.workspaceId, workspaceId), eq(challenges.programmeId, programmeId), eq(challenges.personId, personId)));
  return challenge;
}

export function entriesOf(db: Executor, workspaceId: string, challengeId: string) {
  return db
    .select({
      id: actionEntries.id,
      kind: actionEntries.kind,
      text: actionEntries.text,
      evidenceUsed: actionEntries.evidenceUsed,
      evidenceItemId: actionEntries.evidenceItemId,
      evidenceTitle: evidenceItems.title,
      dueOn: actionEntries.dueOn,
      doneAt: actionEntries.doneAt,
      createdAt: actionEntries.createdAt,
    })
    .from(actionEntries)
    .leftJoin(evidenceItems, and(eq(evidenceItems.workspaceId, actionEntries.workspaceId), eq(evidenceItems.id, actionEntries.evidenceItemId)))
    .where(and(eq(actionEntries.workspaceId, workspaceId), eq(actionEntries.challengeId, challengeId)))
    .orderBy(desc(actionEntries.createdAt));
}

/** Every participant's challenge with how far their log has got, for facilitators. */
export function challengesOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      title: challenges.title,
      actions: sql<number>`(select count(*)::int from action_entries e where e.workspace_id = ${challenges.workspaceId} and e.challenge_id = ${challenges.id} and e.kind = 'action')`,
      done: sql<number>`(select count(*)::int from action_entries e where e.workspace_id = ${challenges.workspaceId} and e.challenge_id = ${challenges.id} and e.kind = 'action' and e.done_at is not null)`,
      reflections: sql<number>`(select count(*)::int from action_entries e where e.workspace_id = ${challenges.workspaceId} and e.challenge_id = ${challenges.id} and e.kind = 'reflection')`,
      lastEntry: sql<Date | null>`(select max(e.created_at) from action_entries e where e.workspace_id = ${challenges.workspaceId} and e.challenge_id = ${challenges.id})`,
    })
    .from(challenges)
    .innerJoin(people, and(eq(people.workspaceId, challenges.workspaceId), eq(people.id, challenges.personId)))
    .where(and(eq(challenges.workspaceId, workspaceId), eq(challenges.programmeId, programmeId)))
    .orderBy(asc(people.fullName));
}

/** The programme's reading, to choose from when logging which evidence was used. */
export async function programmeReading(db: Executor, workspaceId: string, programmeId: string) {
  const list = await db
    .selectDistinct({ value: evidenceItems.id, text: evidenceItems.title })
    .from(sessionReadings)
    .innerJoin(programmeSessions, and(eq(programmeSessions.workspaceId, sessionReadings.workspaceId), eq(programmeSessions.id, sessionReadings.sessionId)))
    .innerJoin(evidenceItems, and(eq(evidenceItems.workspaceId, sessionReadings.workspaceId), eq(evidenceItems.id, sessionReadings.evidenceItemId)))
    .where(and(eq(sessionReadings.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId)))
    .orderBy(asc(evidenceItems.title));
  return list;
}

export function presentationsOf(db: Executor, workspaceId: string, where: { sessionId?: string; personId?: string }) {
  const conditions = [eq(setPresentations.workspaceId, workspaceId)];
  if (where.sessionId) conditions.push(eq(setPresentations.sessionId, where.sessionId));
  if (where.personId) conditions.push(eq(setPresentations.personId, where.personId));
  return db
    .select({
      id: setPresentations.id,
      personId: people.id,
      fullName: people.fullName,
      agreed: setPresentations.agreed,
      sessionTitle: programmeSessions.title,
      startsAt: programmeSessions.startsAt,
    })
    .from(setPresentations)
    .innerJoin(people, and(eq(people.workspaceId, setPresentations.workspaceId), eq(people.id, setPresentations.personId)))
    .innerJoin(programmeSessions, and(eq(programmeSessions.workspaceId, setPresentations.workspaceId), eq(programmeSessions.id, setPresentations.sessionId)))
    .where(and(...conditions))
    .orderBy(asc(programmeSessions.startsAt), asc(people.fullName));
}
