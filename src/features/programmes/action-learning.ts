import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import type { ActionEntryInput } from './schemas.ts';
import { actionEntries, challenges, cohortMembers, programmeSessions, sessionReadings, setPresentations } from './tables.ts';

export async function findChallenge(db: Executor, workspaceId: string, programmeId: string, personId: string) {
  const [challenge] = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.workspaceId, workspaceId), eq(challenges.programmeId, programmeId), eq(challenges.personId, personId)));
  return challenge;
}

/** A participant's challenge page is theirs; the people running the programme may read every one. */
export function mayReadChallenge(access: ProgrammeAccess, personId: string) {
  return programmePolicy.manage(access) || (programmePolicy.participate(access) && access.member.personId === personId);
}

export async function saveChallenge(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: { title: string; description: string },
) {
  authorize(programmePolicy.participate(access), 'Only participants keep a policy challenge on this programme.');
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId: ctx.member.personId, ...input })
      .onConflictDoUpdate({ target: [challenges.programmeId, challenges.personId], set: { ...input, updatedAt: new Date() } });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'challenge.saved',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Updated their policy challenge: ${input.title}`,
    });
  });
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
    .leftJoin(evidenceItems, eq(evidenceItems.id, actionEntries.evidenceItemId))
    .where(and(eq(actionEntries.workspaceId, workspaceId), eq(actionEntries.challengeId, challengeId)))
    .orderBy(desc(actionEntries.createdAt));
}

export async function addEntry(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ActionEntryInput) {
  authorize(programmePolicy.participate(access), 'Only participants keep an action log on this programme.');
  const workspaceId = ctx.workspace.id;
  const challenge = await findChallenge(db, workspaceId, programmeId, ctx.member.personId);
  if (!challenge) throw new ProgrammeRuleError('text', 'Write your policy challenge first, then log actions against it');
  if (input.evidenceItemId) {
    const [item] = isUuid(input.evidenceItemId)
      ? await db
          .select({ id: evidenceItems.id })
          .from(evidenceItems)
          .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, input.evidenceItemId)))
      : [];
    if (!item) throw new ProgrammeRuleError('evidenceItemId', 'Choose an item from the list');
  }
  await db.insert(actionEntries).values({ workspaceId, challengeId: challenge.id, ...input });
}

export async function completeEntry(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, entryId: string, done: boolean) {
  authorize(programmePolicy.participate(access));
  const challenge = await findChallenge(db, ctx.workspace.id, programmeId, ctx.member.personId);
  if (!challenge || !isUuid(entryId)) throw new NotFoundError();
  const updated = await db
    .update(actionEntries)
    .set({ doneAt: done ? new Date() : null })
    .where(and(eq(actionEntries.challengeId, challenge.id), eq(actionEntries.id, entryId)))
    .returning({ id: actionEntries.id });
  if (updated.length === 0) throw new NotFoundError();
}

/** Every participant's challenge with how far their log has got, for facilitators. */
export function challengesOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      title: challenges.title,
      actions: sql<number>`(select count(*)::int from action_entries e where e.challenge_id = ${challenges.id} and e.kind = 'action')`,
      done: sql<number>`(select count(*)::int from action_entries e where e.challenge_id = ${challenges.id} and e.kind = 'action' and e.done_at is not null)`,
      reflections: sql<number>`(select count(*)::int from action_entries e where e.challenge_id = ${challenges.id} and e.kind = 'reflection')`,
      lastEntry: sql<Date | null>`(select max(e.created_at) from action_entries e where e.challenge_id = ${challenges.id})`,
    })
    .from(challenges)
    .innerJoin(people, eq(people.id, challenges.personId))
    .where(and(eq(challenges.workspaceId, workspaceId), eq(challenges.programmeId, programmeId)))
    .orderBy(asc(people.fullName));
}

/** The programme's reading, to choose from when logging which evidence was used. */
export async function programmeReading(db: Executor, workspaceId: string, programmeId: string) {
  const list = await db
    .selectDistinct({ value: evidenceItems.id, text: evidenceItems.title })
    .from(sessionReadings)
    .innerJoin(programmeSessions, eq(programmeSessions.id, sessionReadings.sessionId))
    .innerJoin(evidenceItems, eq(evidenceItems.id, sessionReadings.evidenceItemId))
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
    .innerJoin(people, eq(people.id, setPresentations.personId))
    .innerJoin(programmeSessions, eq(programmeSessions.id, setPresentations.sessionId))
    .where(and(...conditions))
    .orderBy(asc(programmeSessions.startsAt), asc(people.fullName));
}

/** Record who presented at an action learning set and what the set agreed with them. */
export async function recordPresentation(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, personId: string, agreed: string) {
  authorize(programmePolicy.manage(access));
  if (session.kind !== 'action_learning_set') throw new ProgrammeRuleError('personId', 'Presentations are recorded for action learning sets only');
  const workspaceId = ctx.workspace.id;
  const [participant] = isUuid(personId)
    ? await db
        .select({ personId: cohortMembers.personId })
        .from(cohortMembers)
        .where(and(eq(cohortMembers.programmeId, session.programmeId), eq(cohortMembers.personId, personId), inArray(cohortMembers.role, ['participant'])))
    : [];
  if (!participant) throw new ProgrammeRuleError('personId', 'Select a participant in this cohort');
  try {
    await db.insert(setPresentations).values({ workspaceId, sessionId: session.id, personId, agreed });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProgrammeRuleError('personId', 'Their presentation at this set is already recorded');
    throw error;
  }
}
