import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { attendance, cohortMembers, type AttendanceStatus } from './tables.ts';

/** Record who came; only the cohort's participants can be marked. */
export function recordAttendance(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, marks: Record<string, AttendanceStatus | ''>) {
  return runOperation(db, ctx, 'record attendance', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const participants = await tx
      .select({ personId: cohortMembers.personId })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, session.programmeId), eq(cohortMembers.role, 'participant')));
    const allowed = new Set(participants.map((row) => row.personId));
    for (const personId of Object.keys(marks)) {
      if (!allowed.has(personId)) throw new RuleError('attendance', 'Attendance can only be recorded for the cohort’s participants');
    }
    await tx.delete(attendance).where(and(eq(attendance.workspaceId, workspaceId), eq(attendance.sessionId, session.id)));
    const entries = Object.entries(marks).filter((entry): entry is [string, AttendanceStatus] => entry[1] !== '');
    if (entries.length) await tx.insert(attendance).values(entries.map(([personId, status]) => ({ workspaceId, sessionId: session.id, personId, status })));
    const attended = entries.filter(([, status]) => status === 'attended').length;
    await audit({
      action: 'session.attendance',
      entityType: 'session',
      entityId: session.id,
      summary: `Recorded attendance for “${session.title}”: ${attended} attended`,
    });
  });
}
