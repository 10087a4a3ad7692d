import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { Member } from '../../core/http/context.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import type { ProgrammeAccess } from './policy.ts';
import { programmePolicy } from './policy.ts';
import {
  attendance,
  cohortMembers,
  intakeResponses,
  needs,
  programmeTopics,
  programmes,
  sessionFeedback,
  sessionNeeds,
  sessionReadings,
  sessionSpeakers,
  programmeSessions,
  type CohortRole,
  type SessionKind,
} from './tables.ts';

export type Programme = typeof programmes.$inferSelect;
export type Session = typeof programmeSessions.$inferSelect;

/** A programme and the asking member's place in its cohort, in one query. */
export async function findProgrammeFor(db: Executor, workspaceId: string, id: string, member: Member) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ programme: programmes, cohortRole: cohortMembers.role })
    .from(programmes)
    .leftJoin(
      cohortMembers,
      and(eq(cohortMembers.workspaceId, programmes.workspaceId), eq(cohortMembers.programmeId, programmes.id), eq(cohortMembers.personId, member.personId)),
    )
    .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, id)));
  if (!row) return undefined;
  const access: ProgrammeAccess = { member, cohortRole: row.cohortRole ?? null };
  return { programme: row.programme, access };
}

export async function findProgramme(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(programmes)
    .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, id)));
  return row;
}

export interface ProgrammeSummary {
  id: string;
  name: string;
  kind: string;
  summary: string;
  startsOn: string;
  endsOn: string;
  participants: number;
  sessions: number;
  nextSession: Date | null;
}

/** Staff see every programme; everyone else the ones whose cohort they belong to. */
export async function listProgrammes(db: Executor, workspaceId: string, member: Member): Promise<ProgrammeSummary[]> {
  const onlyMine = programmePolicy.seeAll(member)
    ? sql``
    : sql`and exists (select 1 from cohort_members m where m.workspace_id = p.workspace_id and m.programme_id = p.id and m.person_id = ${member.personId})`;
  return rows<ProgrammeSummary>(
    db,
    sql`select p.id, p.name, p.kind, p.summary, p.starts_on as "startsOn", p.ends_on as "endsOn",
          (select count(*)::int from cohort_members m where m.workspace_id = p.workspace_id and m.programme_id = p.id and m.role = 'participant') as participants,
          (select count(*)::int from programme_sessions s where s.workspace_id = p.workspace_id and s.programme_id = p.id) as sessions,
          (select min(s.starts_at) from programme_sessions s where s.workspace_id = p.workspace_id and s.programme_id = p.id and s.starts_at > now()) as "nextSession"
        from programmes p
        where p.workspace_id = ${workspaceId} ${onlyMine}
        order by p.starts_on desc, p.name`,
  );
}

export async function programmeTopicIds(db: Executor, workspaceId: string, programmeId: string): Promise<string[]> {
  const list = await db
    .select({ id: programmeTopics.topicId })
    .from(programmeTopics)
    .where(and(eq(programmeTopics.workspaceId, workspaceId), eq(programmeTopics.programmeId, programmeId)));
  return list.map((row) => row.id);
}

export function programmeTopicNames(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({ id: topics.id, name: topics.name })
    .from(programmeTopics)
    .innerJoin(topics, and(eq(topics.workspaceId, programmeTopics.workspaceId), eq(topics.id, programmeTopics.topicId)))
    .where(and(eq(programmeTopics.workspaceId, workspaceId), eq(programmeTopics.programmeId, programmeId)))
    .orderBy(asc(topics.name));
}

export interface CohortPerson {
  memberId: string;
  personId: string;
  fullName: string;
  jobTitle: string;
  organisationName: string | null;
  role: CohortRole;
  intakeDone: boolean;
}

export async function cohortOf(db: Executor, workspaceId: string, programmeId: string): Promise<CohortPerson[]> {
  const list = await db
    .select({
      memberId: cohortMembers.id,
      personId: people.id,
      fullName: people.fullName,
      jobTitle: people.jobTitle,
      organisationName: organisations.name,
      role: cohortMembers.role,
      intakeId: intakeResponses.id,
    })
    .from(cohortMembers)
    .innerJoin(people, and(eq(people.workspaceId, cohortMembers.workspaceId), eq(people.id, cohortMembers.personId)))
    .leftJoin(organisations, and(eq(organisations.workspaceId, people.workspaceId), eq(organisations.id, people.organisationId)))
    .leftJoin(
      intakeResponses,
      and(
        eq(intakeResponses.workspaceId, cohortMembers.workspaceId),
        eq(intakeResponses.programmeId, cohortMembers.programmeId),
        eq(intakeResponses.personId, people.id),
      ),
    )
    .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programmeId)))
    .orderBy(asc(cohortMembers.role), asc(people.fullName));
  return list.map(({ intakeId, ...person }) => ({ ...person, intakeDone: intakeId !== null }));
}

export interface SessionSummary {
  id: string;
  kind: SessionKind;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  address: string;
  onlineLink: string;
  speakers: string[];
  needCount: number;
  attended: number;
  feedbackCount: number;
  averageUsefulness: number | null;
}

export async function sessionsOf(db: Executor, workspaceId: string, programmeId: string): Promise<SessionSummary[]> {
  const list = await rows<SessionSummary & { startsAt: Date | string; endsAt: Date | string }>(
    db,
    sql`select s.id, s.kind, s.title, s.description, s.starts_at as "startsAt", s.ends_at as "endsAt", s.place, s.address, s.online_link as "onlineLink",
          coalesce((select array_agg(p.full_name order by p.full_name) from session_speakers sp join people p on p.workspace_id = sp.workspace_id and p.id = sp.person_id where sp.workspace_id = s.workspace_id and sp.session_id = s.id), '{}') as speakers,
          (select count(*)::int from session_needs sn where sn.workspace_id = s.workspace_id and sn.session_id = s.id) as "needCount",
          (select count(*)::int from session_attendance a where a.workspace_id = s.workspace_id and a.session_id = s.id and a.status = 'attended') as attended,
          (select count(*)::int from session_feedback f where f.workspace_id = s.workspace_id and f.session_id = s.id) as "feedbackCount",
          (select round(avg(f.usefulness)::numeric, 1)::float from session_feedback f where f.workspace_id = s.workspace_id and f.session_id = s.id) as "averageUsefulness"
        from programme_sessions s
        where s.workspace_id = ${workspaceId} and s.programme_id = ${programmeId}
        order by s.starts_at, s.title`,
  );
  // PGlite and node-postgres both return timestamps as Date, but raw rows are typed loosely: normalise.
  return list.map((row) => ({ ...row, startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) }));
}

export async function findSession(db: Executor, workspaceId: string, programmeId: string, id: string): Promise<Session | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(programmeSessions)
    .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId), eq(programmeSessions.id, id)));
  return row;
}

/** Speakers, needs and readings of one session, for its page and its form. */
export async function sessionLinks(db: Executor, workspaceId: string, sessionId: string) {
  const [speakers, linkedNeeds, readings] = await Promise.all([
    db
      .select({ id: people.id, fullName: people.fullName, jobTitle: people.jobTitle, organisationName: organisations.name })
      .from(sessionSpeakers)
      .innerJoin(people, and(eq(people.workspaceId, sessionSpeakers.workspaceId), eq(people.id, sessionSpeakers.personId)))
      .leftJoin(organisations, and(eq(organisations.workspaceId, people.workspaceId), eq(organisations.id, people.organisationId)))
      .where(and(eq(sessionSpeakers.workspaceId, workspaceId), eq(sessionSpeakers.sessionId, sessionId)))
      .orderBy(asc(people.fullName)),
    db
      .select({ id: needs.id, title: needs.title })
      .from(sessionNeeds)
      .innerJoin(needs, and(eq(needs.workspaceId, sessionNeeds.workspaceId), eq(needs.id, sessionNeeds.needId)))
      .where(and(eq(sessionNeeds.workspaceId, workspaceId), eq(sessionNeeds.sessionId, sessionId)))
      .orderBy(asc(needs.title)),
    db
      .select({
        id: evidenceItems.id,
        title: evidenceItems.title,
        year: evidenceItems.year,
        sourceType: evidenceItems.sourceType,
        summary: evidenceItems.summary,
      })
      .from(sessionReadings)
      .innerJoin(evidenceItems, and(eq(evidenceItems.workspaceId, sessionReadings.workspaceId), eq(evidenceItems.id, sessionReadings.evidenceItemId)))
      .where(and(eq(sessionReadings.workspaceId, workspaceId), eq(sessionReadings.sessionId, sessionId)))
      .orderBy(asc(sessionReadings.position), asc(evidenceItems.title)),
  ]);
  return { speakers, needs: linkedNeeds, readings };
}

export function attendanceOf(db: Executor, workspaceId: string, sessionId: string) {
  return db
    .select({ personId: attendance.personId, status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.workspaceId, workspaceId), eq(attendance.sessionId, sessionId)));
}

export async function feedbackGiven(db: Executor, workspaceId: string, sessionId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(sessionFeedback)
    .where(and(eq(sessionFeedback.workspaceId, workspaceId), eq(sessionFeedback.sessionId, sessionId), eq(sessionFeedback.personId, personId)));
  return row.n > 0;
}

/** People who can speak at a session: anyone in the workspace, experts first. */
/** Every programme in the workspace as select items (to attach a community or a lesson to one). */
export async function programmeOptions(db: Executor, workspaceId: string) {
  const list = await db
    .select({ id: programmes.id, name: programmes.name })
    .from(programmes)
    .where(eq(programmes.workspaceId, workspaceId))
    .orderBy(asc(programmes.name));
  return list.map((p) => ({ value: p.id, text: p.name }));
}

export async function speakerOptions(db: Executor, workspaceId: string) {
  return rows<{ value: string; text: string }>(
    db,
    sql`select p.id as value, p.full_name || coalesce(', ' || nullif(p.job_title, ''), '') as text
        from people p
        left join memberships m on m.person_id = p.id and m.workspace_id = p.workspace_id
        where p.workspace_id = ${workspaceId}
        order by (m.role = 'expert') desc nulls last, p.full_name
        limit 2000`,
  );
}

export async function evidenceOptions(db: Executor, workspaceId: string, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ id: evidenceItems.id, title: evidenceItems.title, year: evidenceItems.year })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, valid)));
}

export function needOptions(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({ value: needs.id, text: needs.title })
    .from(needs)
    .where(and(eq(needs.workspaceId, workspaceId), eq(needs.programmeId, programmeId)))
    .orderBy(asc(needs.title));
}

/** A programme's session ids (for keeping the search index in step). */
export function sessionIdsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({ id: programmeSessions.id })
    .from(programmeSessions)
    .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId)));
}
