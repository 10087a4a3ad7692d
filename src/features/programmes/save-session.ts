import { and, eq, inArray, max } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { londonInstant } from '../../core/dates.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Programme, Session } from './queries.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import type { SessionInput } from './schemas.ts';
import { attendance, cohortMembers, needs, sessionNeeds, sessionReadings, sessionSpeakers, programmeSessions, type AttendanceStatus } from './tables.ts';

async function checkIds(tx: Executor, ids: string[], field: string, message: string, find: (valid: string[]) => Promise<Array<{ id: string }>>) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!unique.every(isUuid) || (await find(unique)).length !== unique.length) throw new ProgrammeRuleError(field, message);
  return unique;
}

/** Create or update a session inside its programme's dates, with its speakers and the needs it addresses. */
export async function saveSession(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programme: Programme,
  input: SessionInput,
  sessionId?: string,
): Promise<string> {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (input.date < programme.startsOn || input.date > programme.endsOn) {
    throw new ProgrammeRuleError('date', `The date must be within the programme, between ${programme.startsOn} and ${programme.endsOn}`);
  }
  const { date, startTime, endTime, speakerIds, needIds, ...fields } = input;
  const values = { ...fields, startsAt: londonInstant(date, startTime), endsAt: londonInstant(date, endTime) };
  return db.transaction(async (tx) => {
    const speakers = await checkIds(tx, speakerIds, 'speakerIds', 'Select speakers from the list', (valid) =>
      tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, valid))),
    );
    const needList = await checkIds(tx, needIds, 'needIds', 'Select needs from this programme’s board', (valid) =>
      tx
        .select({ id: needs.id })
        .from(needs)
        .where(and(eq(needs.workspaceId, workspaceId), eq(needs.programmeId, programme.id), inArray(needs.id, valid))),
    );
    let id: string;
    if (!sessionId) {
      const [created] = await tx
        .insert(programmeSessions)
        .values({ workspaceId, programmeId: programme.id, ...values })
        .returning({ id: programmeSessions.id });
      id = created.id;
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'session.created',
        entityType: 'session',
        entityId: id,
        summary: `Planned the session “${fields.title}” in ${programme.name}`,
      });
    } else {
      id = sessionId;
      const [before] = await tx
        .select()
        .from(programmeSessions)
        .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programme.id), eq(programmeSessions.id, id)));
      if (!before) throw new NotFoundError();
      await tx
        .update(programmeSessions)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(programmeSessions.id, id));
      await tx.delete(sessionSpeakers).where(and(eq(sessionSpeakers.workspaceId, workspaceId), eq(sessionSpeakers.sessionId, id)));
      await tx.delete(sessionNeeds).where(and(eq(sessionNeeds.workspaceId, workspaceId), eq(sessionNeeds.sessionId, id)));
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'session.updated',
        entityType: 'session',
        entityId: id,
        summary: `Updated the session “${fields.title}”`,
        changes: changedFields(before as unknown as Record<string, unknown>, values),
      });
    }
    if (speakers.length) await tx.insert(sessionSpeakers).values(speakers.map((personId) => ({ workspaceId, sessionId: id, personId })));
    if (needList.length) await tx.insert(sessionNeeds).values(needList.map((needId) => ({ workspaceId, sessionId: id, needId })));
    return id;
  });
}

export async function deleteSession(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session): Promise<void> {
  authorize(programmePolicy.manage(access));
  await db.transaction(async (tx) => {
    await tx.delete(programmeSessions).where(and(eq(programmeSessions.workspaceId, ctx.workspace.id), eq(programmeSessions.id, session.id)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'session.deleted',
      entityType: 'session',
      entityId: session.id,
      summary: `Deleted the session “${session.title}” with its attendance and feedback`,
    });
  });
}

/** Record who came; only the cohort's participants can be marked. */
export async function recordAttendance(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, marks: Record<string, AttendanceStatus | ''>) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const participants = await tx
      .select({ personId: cohortMembers.personId })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, session.programmeId), eq(cohortMembers.role, 'participant')));
    const allowed = new Set(participants.map((row) => row.personId));
    for (const personId of Object.keys(marks)) {
      if (!allowed.has(personId)) throw new ProgrammeRuleError('attendance', 'Attendance can only be recorded for the cohort’s participants');
    }
    await tx.delete(attendance).where(and(eq(attendance.workspaceId, workspaceId), eq(attendance.sessionId, session.id)));
    const entries = Object.entries(marks).filter((entry): entry is [string, AttendanceStatus] => entry[1] !== '');
    if (entries.length) await tx.insert(attendance).values(entries.map(([personId, status]) => ({ workspaceId, sessionId: session.id, personId, status })));
    const attended = entries.filter(([, status]) => status === 'attended').length;
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'session.attendance',
      entityType: 'session',
      entityId: session.id,
      summary: `Recorded attendance for “${session.title}”: ${attended} attended`,
    });
  });
}

export async function addReading(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, evidenceItemId: string): Promise<string> {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (!isUuid(evidenceItemId)) throw new ProgrammeRuleError('evidenceItemId', 'Choose an item from the evidence library');
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ title: evidenceItems.title })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, evidenceItemId)));
    if (!item) throw new ProgrammeRuleError('evidenceItemId', 'Choose an item from the evidence library');
    const [last] = await tx
      .select({ position: max(sessionReadings.position) })
      .from(sessionReadings)
      .where(eq(sessionReadings.sessionId, session.id));
    await tx
      .insert(sessionReadings)
      .values({ workspaceId, sessionId: session.id, evidenceItemId, position: (last?.position ?? 0) + 1 })
      .onConflictDoNothing();
    return item.title;
  });
}

export async function removeReading(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, evidenceItemId: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(evidenceItemId)) return;
  await db
    .delete(sessionReadings)
    .where(
      and(eq(sessionReadings.workspaceId, ctx.workspace.id), eq(sessionReadings.sessionId, session.id), eq(sessionReadings.evidenceItemId, evidenceItemId)),
    );
}
