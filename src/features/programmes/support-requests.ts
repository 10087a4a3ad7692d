import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { people } from '../people/tables.ts';
import { memberships } from '../access/tables.ts';
import { alias } from 'drizzle-orm/pg-core';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import { cohortMembers, supportRequests, type SupportRequestKind, type SupportRequestStatus } from './tables.ts';

const requester = alias(people, 'requester');
const assignee = alias(people, 'assignee');

export async function askForSupport(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: { kind: SupportRequestKind; subject: string; detail: string },
) {
  authorize(programmePolicy.participate(access), 'Only the programme’s participants ask for consultancy support on it.');
  const workspaceId = ctx.workspace.id;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(supportRequests)
      .values({ workspaceId, programmeId, requestedByPersonId: ctx.member.personId, ...input })
      .returning({ id: supportRequests.id });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'support.requested',
      entityType: 'support_request',
      entityId: created.id,
      summary: `Asked for support: ${input.subject}`,
    });
    return created.id;
  });
}

/** Requests on a programme: all of them for facilitators, a participant's own otherwise. */
export function requestsOf(db: Executor, workspaceId: string, programmeId: string, onlyPersonId?: string) {
  const conditions = [eq(supportRequests.workspaceId, workspaceId), eq(supportRequests.programmeId, programmeId)];
  if (onlyPersonId) conditions.push(eq(supportRequests.requestedByPersonId, onlyPersonId));
  return db
    .select({
      id: supportRequests.id,
      kind: supportRequests.kind,
      subject: supportRequests.subject,
      detail: supportRequests.detail,
      status: supportRequests.status,
      response: supportRequests.response,
      requestedBy: requester.fullName,
      requestedByPersonId: supportRequests.requestedByPersonId,
      assignedTo: assignee.fullName,
      assignedToPersonId: supportRequests.assignedToPersonId,
      createdAt: supportRequests.createdAt,
      firstResponseAt: supportRequests.firstResponseAt,
      resolvedAt: supportRequests.resolvedAt,
    })
    .from(supportRequests)
    .innerJoin(requester, eq(requester.id, supportRequests.requestedByPersonId))
    .leftJoin(assignee, eq(assignee.id, supportRequests.assignedToPersonId))
    .where(and(...conditions))
    .orderBy(sql`case ${supportRequests.status} when 'open' then 0 when 'in_progress' then 1 else 2 end`, desc(supportRequests.createdAt));
}

/** People who can take a request: the cohort's facilitators and the workspace's staff. */
export function assigneeOptions(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .selectDistinct({ value: people.id, text: people.fullName })
    .from(people)
    .leftJoin(cohortMembers, and(eq(cohortMembers.personId, people.id), eq(cohortMembers.programmeId, programmeId)))
    .leftJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.workspaceId, workspaceId)))
    .where(and(eq(people.workspaceId, workspaceId), sql`(${cohortMembers.role} = 'facilitator' or ${memberships.role} in ('administrator', 'facilitator'))`))
    .orderBy(people.fullName);
}

/**
 * Assign, answer and close a request. The first time anything but "open" is
 * saved, or a response written, counts as the first response; resolving stamps
 * the time so response and resolution times can be reported.
 */
export async function updateRequest(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  requestId: string,
  input: { status: SupportRequestStatus; assignedToPersonId: string | null; response: string },
) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (!isUuid(requestId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(supportRequests)
      .where(and(eq(supportRequests.workspaceId, workspaceId), eq(supportRequests.programmeId, programmeId), eq(supportRequests.id, requestId)));
    if (!request) throw new NotFoundError();
    if (input.assignedToPersonId) {
      const allowed = (await assigneeOptions(tx, workspaceId, programmeId)).some((option) => option.value === input.assignedToPersonId);
      if (!allowed) throw new ProgrammeRuleError('assignedToPersonId', 'Assign the request to one of the programme’s facilitators');
    }
    if (input.status === 'resolved' && !input.response && !request.response) {
      throw new ProgrammeRuleError('response', 'Write the response before marking the request resolved');
    }
    const now = new Date();
    const responded = input.status !== 'open' || input.response !== '';
    await tx
      .update(supportRequests)
      .set({
        ...input,
        firstResponseAt: request.firstResponseAt ?? (responded ? now : null),
        resolvedAt: input.status === 'resolved' ? (request.resolvedAt ?? now) : null,
        updatedAt: now,
      })
      .where(eq(supportRequests.id, request.id));
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'support.updated',
      entityType: 'support_request',
      entityId: request.id,
      summary: `Support request “${request.subject}” is now ${input.status.replace('_', ' ')}`,
    });
  });
}

/** Median hours to first response and to resolution, over the requests that got there. */
export function responseTimes(list: Array<{ createdAt: Date; firstResponseAt: Date | null; resolvedAt: Date | null }>) {
  const median = (values: number[]) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;
  return {
    firstResponseHours: median(list.filter((r) => r.firstResponseAt).map((r) => hours(r.createdAt, r.firstResponseAt!))),
    resolutionHours: median(list.filter((r) => r.resolvedAt).map((r) => hours(r.createdAt, r.resolvedAt!))),
  };
}
