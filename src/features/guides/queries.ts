import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isUuid, uuidArray } from '../../core/db/uuid.ts';
import { people } from '../people/tables.ts';
import { guideComments, guideVersions, guides, type GuideContent } from './tables.ts';

export type Guide = typeof guides.$inferSelect;

export async function findGuide(db: Executor, workspaceId: string, id: string): Promise<Guide | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(guides)
    .where(and(eq(guides.workspaceId, workspaceId), eq(guides.id, id)));
  return row;
}

export async function versionOf(db: Executor, workspaceId: string, guideId: string, number: number) {
  const [row] = await db
    .select()
    .from(guideVersions)
    .where(and(eq(guideVersions.workspaceId, workspaceId), eq(guideVersions.guideId, guideId), eq(guideVersions.number, number)));
  return row;
}

/** Every version of a guide, newest first, with who saved it. */
export function versionsOf(db: Executor, workspaceId: string, guideId: string) {
  return db
    .select({
      number: guideVersions.number,
      changeNote: guideVersions.changeNote,
      restoredFrom: guideVersions.restoredFrom,
      savedAt: guideVersions.savedAt,
      savedBy: people.fullName,
    })
    .from(guideVersions)
    .leftJoin(people, and(eq(people.workspaceId, guideVersions.workspaceId), eq(people.id, guideVersions.savedByPersonId)))
    .where(and(eq(guideVersions.workspaceId, workspaceId), eq(guideVersions.guideId, guideId)))
    .orderBy(desc(guideVersions.number));
}

export function guidesIn(db: Executor, workspaceId: string) {
  return rows<{
    id: string;
    title: string;
    summary: string;
    version: number;
    publishedVersion: number | null;
    updatedAt: string;
    owner: string | null;
    steps: number;
  }>(
    db,
    sql`select g.id, g.title, g.summary, g.version, g.published_version as "publishedVersion", g.updated_at as "updatedAt", p.full_name as owner,
          (select coalesce(sum(jsonb_array_length(s -> 'steps')), 0)::int from guide_versions v, jsonb_array_elements(v.content -> 'sections') s
            where v.workspace_id = g.workspace_id and v.guide_id = g.id and v.number = g.version) as steps
        from guides g left join people p on p.workspace_id = g.workspace_id and p.id = g.owner_person_id
        where g.workspace_id = ${workspaceId} order by lower(g.title)`,
  );
}

/** Comments on a guide's steps, oldest first, by step key. */
export async function commentsOn(db: Executor, workspaceId: string, guideId: string) {
  const found = await db
    .select({ id: guideComments.id, stepKey: guideComments.stepKey, body: guideComments.body, createdAt: guideComments.createdAt, author: people.fullName })
    .from(guideComments)
    .leftJoin(people, and(eq(people.workspaceId, guideComments.workspaceId), eq(people.id, guideComments.authorPersonId)))
    .where(and(eq(guideComments.workspaceId, workspaceId), eq(guideComments.guideId, guideId)))
    .orderBy(asc(guideComments.createdAt));
  const byStep = new Map<string, typeof found>();
  for (const comment of found) byStep.set(comment.stepKey, [...(byStep.get(comment.stepKey) ?? []), comment]);
  return byStep;
}

/** Each site's progress through a guide: the steps done, by organisation. */
export function progressOf(db: Executor, workspaceId: string, guideId: string) {
  return rows<{ organisationId: string; organisation: string; stepKey: string }>(
    db,
    sql`select gp.organisation_id as "organisationId", o.name as organisation, gp.step_key as "stepKey"
          from guide_progress gp join organisations o on o.workspace_id = gp.workspace_id and o.id = gp.organisation_id
         where gp.workspace_id = ${workspaceId} and gp.guide_id = ${guideId} and gp.done
         order by o.name`,
  );
}

/** Titles of the lessons and evidence a guide links to, by id, to name them in pages and exports. */
export async function linkedTitles(db: Executor, workspaceId: string, content: GuideContent) {
  const lessonIds = content.sections.flatMap((s) => s.steps.flatMap((step) => step.lessonIds));
  const evidenceIds = content.sections.flatMap((s) => s.steps.flatMap((step) => step.evidenceIds));
  const found = await rows<{ id: string; title: string; kind: string; status: string; restricted: boolean }>(
    db,
    sql`select l.id, l.title, 'lesson' as kind, l.status,
               exists (select 1 from lesson_sources s where s.workspace_id = l.workspace_id and s.lesson_id = l.id and s.restricted) as restricted
          from lessons l where l.workspace_id = ${workspaceId} and l.id = any(${uuidArray(lessonIds)})
        union all
        select e.id, e.title, 'evidence' as kind, 'published' as status, false as restricted
          from evidence_items e where e.workspace_id = ${workspaceId} and e.id = any(${uuidArray(evidenceIds)})`,
  );
  return new Map(found.map((row) => [row.id, row]));
}
