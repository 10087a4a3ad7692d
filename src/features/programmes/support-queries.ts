import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { people } from '../people/tables.ts';
import { memberships } from '../access/tables.ts';
import { alias } from 'drizzle-orm/pg-core';
import { supportRequests } from './support-tables.ts';
import { cohortMembers } from './tables.ts';

const requester = alias(people, 'requester');
const assignee = alias(people, 'assignee');

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
    .innerJoin(requester, and(eq(requester.workspaceId, supportRequests.workspaceId), eq(requester.id, supportRequests.requestedByPersonId)))
    .leftJoin(assignee, and(eq(assignee.workspaceId, supportRequests.workspaceId), eq(assignee.id, supportRequests.assignedToPersonId)))
    .where(and(...conditions))
    .orderBy(sql`case ${supportRequests.status} when 'open' then 0 when 'in_progress' then 1 else 2 end`, desc(supportRequests.createdAt));
}

/** People who can take a request: the cohort's facilitators and the workspace's staff. */
export function assigneeOptions(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .selectDistinct({ value: people.id, text: people.fullName })
    .from(people)
    .leftJoin(
      cohortMembers,
      and(eq(cohortMembers.workspaceId, people.workspaceId), eq(cohortMembers.personId, people.id), eq(cohortMembers.programmeId, programmeId)),
    )
    .leftJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.workspaceId, workspaceId)))
    .where(and(eq(people.workspaceId, workspaceId), sql`(${cohortMembers.role} = 'facilitator' or ${memberships.role} in ('administrator', 'facilitator'))`))
    .orderBy(people.fullName);
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
