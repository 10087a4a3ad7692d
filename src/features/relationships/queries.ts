import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { PERSPECTIVE_SQL } from '../people/perspective.ts';
import type { NetworkPerson, Tie } from './network.ts';

/** People by id with what the network needs: organisation, perspective, and the programmes they are in. */
export async function networkPeople(db: Executor, workspaceId: string, personIds: string[]): Promise<NetworkPerson[]> {
  if (!personIds.length) return [];
  return rows<NetworkPerson>(
    db,
    sql`select p.id, p.full_name as "fullName", p.organisation_id as "organisationId", o.name as organisation,
          ${sql.raw(PERSPECTIVE_SQL)} as perspective,
          coalesce((select array_agg(distinct cm.programme_id) from cohort_members cm where cm.workspace_id = p.workspace_id and cm.person_id = p.id), '{}') as "programmeIds"
        from people p left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(personIds)})
        order by p.full_name, p.id`,
  );
}

/** A programme's network: its cohort (participants, facilitators, a delivery programme's site people) and its speakers. */
export async function programmePeopleIds(db: Executor, workspaceId: string, programmeId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select cm.person_id as id from cohort_members cm where cm.workspace_id = ${workspaceId} and cm.programme_id = ${programmeId}
        union
        select ss.person_id from session_speakers ss join programme_sessions s on s.workspace_id = ss.workspace_id and s.id = ss.session_id
        where ss.workspace_id = ${workspaceId} and s.programme_id = ${programmeId}`,
  );
  return found.map((row) => row.id);
}

export async function communityPeopleIds(db: Executor, workspaceId: string, communityId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select person_id as id from community_members where workspace_id = ${workspaceId} and community_id = ${communityId}`,
  );
  return found.map((row) => row.id);
}

/** The most people at a session or visit for being there together to count as meeting: in a room of fifteen, people do not all get to know each other. */
export const MEETING_SIZE = 8;

/**
 * Every tie among these people, with its date: those recorded (by hand or by
 * an introduction), and those the work shows: being at the same small session
 * or visit (attending or speaking, at most MEETING_SIZE people), presenting a
 * session together, and an answer marked as helping a challenge's asker.
 */
export async function tiesAmong(db: Executor, workspaceId: string, personIds: string[]): Promise<Tie[]> {
  if (personIds.length < 2) return [];
  const ids = uuidArray(personIds);
  const londonDay = (column: string) => sql.raw(`to_char(${column} at time zone 'Europe/London', 'YYYY-MM-DD')`);
  return rows<Tie>(
    db,
    sql`with present as (
          select a.session_id, a.person_id from session_attendance a where a.workspace_id = ${workspaceId} and a.status = 'attended'
          union select sp.session_id, sp.person_id from session_speakers sp where sp.workspace_id = ${workspaceId}
        ), small as (
          select session_id from present group by session_id having count(*) <= ${MEETING_SIZE}
        )
        select r.person_a_id as a, r.person_b_id as b, r.kind, r.occurred_on::text as "on" from relationships r
        where r.workspace_id = ${workspaceId} and r.person_a_id = any(${ids}) and r.person_b_id = any(${ids})
      union all
        select x.person_id, y.person_id, 'met', ${londonDay('s.starts_at')}
        from present x
        join present y on y.session_id = x.session_id and x.person_id < y.person_id
        join small on small.session_id = x.session_id
        join programme_sessions s on s.workspace_id = ${workspaceId} and s.id = x.session_id
        where x.person_id = any(${ids}) and y.person_id = any(${ids}) and s.starts_at <= now()
      union all
        select x.person_id, y.person_id, 'co_presented', ${londonDay('s.starts_at')}
        from session_speakers x
        join session_speakers y on y.workspace_id = x.workspace_id and y.session_id = x.session_id and x.person_id < y.person_id
        join programme_sessions s on s.workspace_id = x.workspace_id and s.id = x.session_id
        where x.workspace_id = ${workspaceId} and x.person_id = any(${ids}) and y.person_id = any(${ids}) and s.starts_at <= now()
      union all
        select p.author_person_id, t.author_person_id, 'answered_challenge', ${londonDay('p.created_at')}
        from community_posts p join community_threads t on t.workspace_id = p.workspace_id and t.id = p.thread_id
        where p.workspace_id = ${workspaceId} and p.helpful and p.hidden_at is null and t.kind = 'challenge'
          and p.author_person_id = any(${ids}) and t.author_person_id = any(${ids}) and p.author_person_id <> t.author_person_id`,
  );
}

/** A person's recorded ties, newest first, for their profile. */
export async function recordedTiesOf(db: Executor, workspaceId: string, personId: string) {
  return rows<{ id: string; otherId: string; other: string; kind: Tie['kind']; on: string; note: string }>(
    db,
    sql`select r.id, o.id as "otherId", o.full_name as other, r.kind, r.occurred_on::text as "on", r.note
        from relationships r
        join people o on o.workspace_id = r.workspace_id and o.id = case when r.person_a_id = ${personId} then r.person_b_id else r.person_a_id end
        where r.workspace_id = ${workspaceId} and (r.person_a_id = ${personId} or r.person_b_id = ${personId})
        order by r.occurred_on desc, o.full_name limit 50`,
  );
}
