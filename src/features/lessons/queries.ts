import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isUuid, uuidArray } from '../../core/db/uuid.ts';
import type { Member } from '../../core/http/context.ts';
import { people } from '../people/tables.ts';
import { programmes } from '../programmes/tables.ts';
import { topics } from '../topics/tables.ts';
import { lessonPolicy } from './policy.ts';
import { lessonApplications, lessonSources, lessonTopics, lessons, type LessonStatus } from './tables.ts';

export type Lesson = typeof lessons.$inferSelect;

export async function findLesson(db: Executor, workspaceId: string, id: string): Promise<Lesson | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(lessons)
    .where(and(eq(lessons.workspaceId, workspaceId), eq(lessons.id, id)));
  return row;
}

export interface LessonSummary {
  id: string;
  title: string;
  status: LessonStatus;
  recommendation: string;
  programme: string | null;
  programmeId: string | null;
  sitesSeen: number | null;
  programmesSeen: number | null;
  evaluated: boolean;
  reviewDueOn: string | null;
  sources: number;
  appliedBy: number;
  topics: string;
}

/**
 * Lessons this person may see (published ones, and every status for staff),
 * newest first or in the order of `ids` (a search's ranking) when given.
 */
export async function lessonsFor(
  db: Executor,
  workspaceId: string,
  member: Member,
  options: { ids?: string[]; status?: LessonStatus; dueBy?: string; programmeId?: string } = {},
): Promise<LessonSummary[]> {
  if (options.ids && !options.ids.length) return [];
  const everything = lessonPolicy.seeUnpublished(member);
  const found = await rows<LessonSummary>(
    db,
    sql`select l.id, l.title, l.status, l.recommendation, p.name as programme, l.programme_id as "programmeId", l.sites_seen as "sitesSeen", l.programmes_seen as "programmesSeen",
          l.evaluated, l.review_due_on::text as "reviewDueOn",
          (select count(*)::int from lesson_sources s where s.workspace_id = l.workspace_id and s.lesson_id = l.id) as sources,
          (select count(*)::int from lesson_applications a where a.workspace_id = l.workspace_id and a.lesson_id = l.id and a.decision = 'applied') as "appliedBy",
          coalesce((select string_agg(t.name, ', ' order by t.name) from lesson_topics lt join topics t on t.workspace_id = lt.workspace_id and t.id = lt.topic_id
             where lt.workspace_id = l.workspace_id and lt.lesson_id = l.id), '') as topics
        from lessons l left join programmes p on p.workspace_id = l.workspace_id and p.id = l.programme_id
       where l.workspace_id = ${workspaceId}
         and (${everything} or l.status = 'published' or l.owner_person_id = ${member.personId || null} or l.created_by_person_id = ${member.personId || null})
         ${options.ids ? sql`and l.id = any(${uuidArray(options.ids)})` : sql``}
         ${options.status ? sql`and l.status = ${options.status}` : sql``}
         ${options.dueBy ? sql`and l.status = 'published' and l.review_due_on <= ${options.dueBy}` : sql``}
         ${options.programmeId ? sql`and l.programme_id = ${options.programmeId}` : sql``}
       order by l.updated_at desc, l.id`,
  );
  if (!options.ids) return found;
  const order = new Map(options.ids.map((id, i) => [id, i]));
  return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** A lesson's topics, as ids (for the form) and names. */
export function topicsOf(db: Executor, workspaceId: string, lessonId: string) {
  return db
    .select({ id: topics.id, name: topics.name })
    .from(lessonTopics)
    .innerJoin(topics, and(eq(topics.workspaceId, lessonTopics.workspaceId), eq(topics.id, lessonTopics.topicId)))
    .where(and(eq(lessonTopics.workspaceId, workspaceId), eq(lessonTopics.lessonId, lessonId)))
    .orderBy(asc(topics.name));
}

/** Where a lesson came from, oldest first. */
export function sourcesOf(db: Executor, workspaceId: string, lessonId: string) {
  return db
    .select()
    .from(lessonSources)
    .where(and(eq(lessonSources.workspaceId, workspaceId), eq(lessonSources.lessonId, lessonId)))
    .orderBy(asc(lessonSources.createdAt), asc(lessonSources.id));
}

/** What programmes decided about a lesson: "applied by …" shows where it has been used. */
export function applicationsOf(db: Executor, workspaceId: string, lessonId: string) {
  return db
    .select({
      programmeId: lessonApplications.programmeId,
      programme: programmes.name,
      decision: lessonApplications.decision,
      note: lessonApplications.note,
      decidedAt: lessonApplications.decidedAt,
      decidedBy: people.fullName,
    })
    .from(lessonApplications)
    .innerJoin(programmes, and(eq(programmes.workspaceId, lessonApplications.workspaceId), eq(programmes.id, lessonApplications.programmeId)))
    .leftJoin(people, and(eq(people.workspaceId, lessonApplications.workspaceId), eq(people.id, lessonApplications.decidedByPersonId)))
    .where(and(eq(lessonApplications.workspaceId, workspaceId), eq(lessonApplications.lessonId, lessonId)))
    .orderBy(asc(lessonApplications.decidedAt));
}

/** A programme's decisions on the lessons offered to it, by lesson. */
export async function decisionsOf(db: Executor, workspaceId: string, programmeId: string) {
  const found = await db
    .select({ lessonId: lessonApplications.lessonId, decision: lessonApplications.decision, note: lessonApplications.note })
    .from(lessonApplications)
    .where(and(eq(lessonApplications.workspaceId, workspaceId), eq(lessonApplications.programmeId, programmeId)));
  return new Map(found.map((row) => [row.lessonId, row]));
}
