import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';

/** How long a finished programme stays on its people's home: the follow-up work (feedback, surveys, actions) comes after the last session. */
export const RECENTLY_FINISHED_DAYS = 90;

/**
 * What a participant should see on arriving: their programmes (running, or
 * finished in the last three months), next sessions and the reading for them,
 * their challenge's open actions, open support requests, sessions awaiting
 * their feedback and an unanswered intake.
 */
export async function participantAgenda(db: Executor, workspaceId: string, personId: string) {
  const [programmes, nextSessions, reading, openActions, openRequests, feedbackDue] = await Promise.all([
    rows<{ id: string; name: string; kind: string; role: string; intakeDone: boolean; startsOn: string; endsOn: string; finished: boolean }>(
      db,
      sql`select p.id, p.name, p.kind, m.role, p.starts_on as "startsOn", p.ends_on as "endsOn",
            p.ends_on < (now() at time zone 'Europe/London')::date as finished,
            exists (select 1 from intake_responses i where i.workspace_id = p.workspace_id and i.programme_id = p.id and i.person_id = m.person_id) as "intakeDone"
          from cohort_members m join programmes p on p.workspace_id = m.workspace_id and p.id = m.programme_id
          where m.workspace_id = ${workspaceId} and m.person_id = ${personId} and p.ends_on >= (now() at time zone 'Europe/London')::date - ${RECENTLY_FINISHED_DAYS}::int
          order by p.ends_on < (now() at time zone 'Europe/London')::date, p.starts_on`,
    ),
    rows<{ id: string; programmeId: string; programmeName: string; title: string; kind: string; startsAt: Date; endsAt: Date; place: string }>(
      db,
      sql`select s.id, s.programme_id as "programmeId", p.name as "programmeName", s.title, s.kind, s.starts_at as "startsAt", s.ends_at as "endsAt", s.place
          from programme_sessions s join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
          join cohort_members m on m.workspace_id = s.workspace_id and m.programme_id = s.programme_id and m.person_id = ${personId}
          where s.workspace_id = ${workspaceId} and s.ends_at >= now()
          order by s.starts_at limit 3`,
    ),
    rows<{ id: string; title: string; sessionTitle: string; startsAt: Date }>(
      db,
      sql`select e.id, e.title, s.title as "sessionTitle", s.starts_at as "startsAt"
          from session_readings r
          join programme_sessions s on s.workspace_id = r.workspace_id and s.id = r.session_id
          join cohort_members m on m.workspace_id = s.workspace_id and m.programme_id = s.programme_id and m.person_id = ${personId} and m.role = 'participant'
          join evidence_items e on e.workspace_id = r.workspace_id and e.id = r.evidence_item_id
          where r.workspace_id = ${workspaceId} and s.starts_at >= now() and s.starts_at < now() + interval '30 days'
          order by s.starts_at, r.position limit 6`,
    ),
    rows<{ id: string; programmeId: string; text: string; dueOn: string | null }>(
      db,
      sql`select a.id, c.programme_id as "programmeId", a.text, a.due_on as "dueOn"
          from action_entries a join policy_challenges c on c.workspace_id = a.workspace_id and c.id = a.challenge_id
          where a.workspace_id = ${workspaceId} and c.person_id = ${personId} and a.kind = 'action' and a.done_at is null
          order by a.due_on nulls last, a.created_at limit 5`,
    ),
    rows<{ id: string; programmeId: string; subject: string; status: string }>(
      db,
      sql`select r.id, r.programme_id as "programmeId", r.subject, r.status from support_requests r
          where r.workspace_id = ${workspaceId} and r.requested_by_person_id = ${personId} and r.status <> 'resolved'
          order by r.created_at desc limit 5`,
    ),
    rows<{ id: string; programmeId: string; title: string; startsAt: Date }>(
      db,
      sql`select s.id, s.programme_id as "programmeId", s.title, s.starts_at as "startsAt"
          from session_attendance a join programme_sessions s on s.workspace_id = a.workspace_id and s.id = a.session_id
          where a.workspace_id = ${workspaceId} and a.person_id = ${personId} and a.status = 'attended' and s.starts_at < now()
            and not exists (select 1 from session_feedback f where f.workspace_id = s.workspace_id and f.session_id = s.id and f.person_id = ${personId})
          order by s.starts_at desc limit 5`,
    ),
  ]);
  return { programmes, nextSessions, reading, openActions, openRequests, feedbackDue };
}
