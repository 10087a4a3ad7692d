import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { people } from '../people/tables.ts';
import { cosine, groupSimilarTexts, vectorise } from '../text/similarity.ts';
import { intakeResponses, needs, needStatements } from './tables.ts';

export type NeedStatus = 'open' | 'planned' | 'addressed';

export interface NeedSummary {
  id: string;
  title: string;
  description: string;
  addressedAt: Date | null;
  people: number;
  sessions: number;
  status: NeedStatus;
}

/** The board's needs, most widely shared first, each with its status. */
export async function needsSummary(db: Executor, workspaceId: string, programmeId: string): Promise<NeedSummary[]> {
  const list = await rows<Omit<NeedSummary, 'status'>>(
    db,
    sql`select n.id, n.title, n.description, n.addressed_at as "addressedAt",
          (select count(distinct s.person_id)::int from need_statements s where s.workspace_id = n.workspace_id and s.need_id = n.id) as people,
          (select count(*)::int from session_needs sn where sn.workspace_id = n.workspace_id and sn.need_id = n.id) as sessions
        from needs n
        where n.workspace_id = ${workspaceId} and n.programme_id = ${programmeId}
        order by people desc, n.title`,
  );
  return list.map((need) => ({ ...need, status: need.addressedAt ? 'addressed' : need.sessions > 0 ? 'planned' : 'open' }));
}

export interface Statement {
  id: string;
  text: string;
  needId: string | null;
  personId: string;
  fullName: string;
  answered: string | null;
}

export function statementsOf(db: Executor, workspaceId: string, programmeId: string): Promise<Statement[]> {
  return db
    .select({
      id: needStatements.id,
      text: needStatements.text,
      needId: needStatements.needId,
      personId: needStatements.personId,
      fullName: people.fullName,
      answered: needStatements.answered,
    })
    .from(needStatements)
    .innerJoin(people, and(eq(people.workspaceId, needStatements.workspaceId), eq(people.id, needStatements.personId)))
    .where(and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId)))
    .orderBy(asc(needStatements.createdAt), asc(needStatements.id));
}

export function ungroupedCount(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(needStatements)
    .where(and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId), isNull(needStatements.needId)));
}

export interface SuggestedGroup {
  title: string;
  statements: Statement[];
}

/**
 * Suggest how the statements not yet on the board could be grouped: similar
 * wording goes together. A facilitator confirms, renames or ignores each one.
 */
export function suggestGroups(ungrouped: Statement[]): SuggestedGroup[] {
  if (ungrouped.length === 0) return [];
  return groupSimilarTexts(ungrouped.map((statement) => statement.text)).map((group) => {
    const statements = group.members.map((index) => ungrouped[index]);
    const title = statements.length === 1 ? statements[0].text : sentenceCase(group.keywords.slice(0, 3).join(', '));
    return { title: title.slice(0, 200), statements };
  });
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ExpertCandidate {
  id: string;
  fullName: string;
  jobTitle: string;
  organisationName: string | null;
  expertise: string;
}

/** People open to contact, with their expertise topics and bio, to match against needs. */
export function expertCandidates(db: Executor, workspaceId: string, programmeId: string): Promise<ExpertCandidate[]> {
  return rows<ExpertCandidate>(
    db,
    sql`select p.id, p.full_name as "fullName", p.job_title as "jobTitle", o.name as "organisationName",
          concat_ws(' ', p.job_title, p.bio, (select string_agg(t.name, ' ') from person_topics pt join topics t on t.workspace_id = pt.workspace_id and t.id = pt.topic_id where pt.workspace_id = p.workspace_id and pt.person_id = p.id)) as expertise
        from people p
        left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} and p.open_to_contact
          and not exists (select 1 from cohort_members m where m.workspace_id = p.workspace_id and m.programme_id = ${programmeId} and m.person_id = p.id and m.role = 'participant')
          and (exists (select 1 from person_topics pt where pt.workspace_id = p.workspace_id and pt.person_id = p.id) or p.bio <> '')`,
  );
}

/** The candidates whose expertise is closest to each need text. */
export function matchExperts(needTexts: string[], candidates: ExpertCandidate[], limit = 3): ExpertCandidate[][] {
  if (candidates.length === 0) return needTexts.map(() => []);
  const { vectors } = vectorise([...needTexts, ...candidates.map((candidate) => candidate.expertise)]);
  return needTexts.map((_, index) =>
    candidates
      .map((candidate, j) => ({ candidate, score: cosine(vectors[index], vectors[needTexts.length + j]) }))
      .filter((match) => match.score > 0.05)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((match) => match.candidate),
  );
}

/** Which sessions address each need, in date order: the coverage view. */
export async function sessionsByNeed(db: Executor, workspaceId: string, programmeId: string) {
  const list = await rows<{ needId: string; id: string; title: string; startsAt: Date | string }>(
    db,
    sql`select sn.need_id as "needId", s.id, s.title, s.starts_at as "startsAt"
        from session_needs sn join programme_sessions s on s.workspace_id = sn.workspace_id and s.id = sn.session_id
        where sn.workspace_id = ${workspaceId} and s.programme_id = ${programmeId}
        order by s.starts_at`,
  );
  const byNeed = new Map<string, Array<{ id: string; title: string; startsAt: Date }>>();
  for (const row of list) byNeed.set(row.needId, [...(byNeed.get(row.needId) ?? []), { id: row.id, title: row.title, startsAt: new Date(row.startsAt) }]);
  return byNeed;
}

/** A participant's intake answers, if they have given them. */
export async function findIntake(db: Executor, workspaceId: string, programmeId: string, personId: string) {
  const [intake] = await db
    .select()
    .from(intakeResponses)
    .where(and(eq(intakeResponses.workspaceId, workspaceId), eq(intakeResponses.programmeId, programmeId), eq(intakeResponses.personId, personId)));
  return intake;
}

export async function findNeed(db: Executor, workspaceId: string, programmeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [need] = await db
    .select()
    .from(needs)
    .where(and(eq(needs.workspaceId, workspaceId), eq(needs.programmeId, programmeId), eq(needs.id, id)));
  return need;
}

/** The ids given, if every one is a statement on this programme's board; otherwise undefined. */
export async function programmeStatementIds(db: Executor, workspaceId: string, programmeId: string, ids: string[]) {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length !== new Set(ids).size || valid.length === 0) return undefined;
  const found = await db
    .select({ id: needStatements.id })
    .from(needStatements)
    .where(and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId), inArray(needStatements.id, valid)));
  return found.length === valid.length ? valid : undefined;
}
