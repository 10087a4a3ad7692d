import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import type { Member } from '../../core/http/context.ts';
import { relevantLessons } from '../lessons/relevant-lessons.ts';
import { GUIDE_KIND } from '../guides/search-text.ts';
import { searchRanked } from '../search/search.ts';

/**
 * Everything a person holds, read from the records: their programmes and
 * sites, open actions and requests, the people they work with, recent
 * returns and decisions, and the lessons and guides that bear on their work.
 */
export async function handoverPack(db: Executor, workspaceId: string, member: Member, personId: string) {
  const [programmes, sites, requests, actions, owned, communities, contacts, returns, decisions] = await Promise.all([
    rows<{ id: string; name: string; role: string; aims: string }>(
      db,
      sql`select p.id, p.name, cm.role, p.aims from cohort_members cm join programmes p on p.workspace_id = cm.workspace_id and p.id = cm.programme_id
           where cm.workspace_id = ${workspaceId} and cm.person_id = ${personId} order by p.starts_on desc`,
    ),
    rows<{ siteId: string; site: string; programmeId: string; programme: string; role: string }>(
      db,
      sql`select s.id as "siteId", o.name as site, p.id as "programmeId", p.name as programme, sc.role
            from delivery_site_contacts sc join delivery_sites s on s.workspace_id = sc.workspace_id and s.id = sc.site_id
            join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
            join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
           where sc.workspace_id = ${workspaceId} and sc.person_id = ${personId} order by p.name, o.name`,
    ),
    rows<{ id: string; programmeId: string; subject: string; status: string; asked: string; mine: boolean }>(
      db,
      sql`select r.id, r.programme_id as "programmeId", r.subject, r.status, q.full_name as asked, r.assigned_to_person_id = ${personId} as mine
            from support_requests r join people q on q.workspace_id = r.workspace_id and q.id = r.requested_by_person_id
           where r.workspace_id = ${workspaceId} and r.status <> 'resolved'
             and (r.assigned_to_person_id = ${personId} or r.requested_by_person_id = ${personId})
           order by r.created_at`,
    ),
    rows<{ text: string; dueOn: string | null; programme: string }>(
      db,
      sql`select a.text, a.due_on::text as "dueOn", p.name as programme from action_entries a
            join policy_challenges c on c.workspace_id = a.workspace_id and c.id = a.challenge_id
            join programmes p on p.workspace_id = c.workspace_id and p.id = c.programme_id
           where a.workspace_id = ${workspaceId} and c.person_id = ${personId} and a.kind = 'action' and a.done_at is null
           order by a.due_on nulls last`,
    ),
    rows<{ kind: string; id: string; title: string }>(
      db,
      sql`select 'lesson' as kind, l.id, l.title from lessons l where l.workspace_id = ${workspaceId} and l.owner_person_id = ${personId}
          union all select 'guide', g.id, g.title from guides g where g.workspace_id = ${workspaceId} and g.owner_person_id = ${personId}
          order by 1, 3`,
    ),
    rows<{ id: string; name: string }>(
      db,
      sql`select c.id, c.name from community_members m join communities c on c.workspace_id = m.workspace_id and c.id = m.community_id
           where m.workspace_id = ${workspaceId} and m.person_id = ${personId} and m.role = 'moderator' order by c.name`,
    ),
    rows<{ personId: string; fullName: string; organisation: string | null; ties: number; last: string }>(
      db,
      sql`select o.id as "personId", o.full_name as "fullName", org.name as organisation, count(*)::int as ties, max(r.occurred_on)::text as last
            from relationships r
            join people o on o.workspace_id = r.workspace_id and o.id = case when r.person_a_id = ${personId} then r.person_b_id else r.person_a_id end
            left join organisations org on org.workspace_id = o.workspace_id and org.id = o.organisation_id
           where r.workspace_id = ${workspaceId} and (r.person_a_id = ${personId} or r.person_b_id = ${personId})
           group by o.id, o.full_name, org.name order by max(r.occurred_on) desc, o.full_name limit 15`,
    ),
    rows<{ site: string; round: string; number: number; programmeId: string; siteId: string; status: string; submittedAt: string | null }>(
      db,
      sql`select o.name as site, ro.title as round, ro.number, r.programme_id as "programmeId", s.id as "siteId", r.status, r.submitted_at as "submittedAt"
            from delivery_site_contacts sc join delivery_sites s on s.workspace_id = sc.workspace_id and s.id = sc.site_id
            join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
            join checkpoint_returns r on r.workspace_id = s.workspace_id and r.site_id = s.id
            join checkpoint_rounds ro on ro.workspace_id = r.workspace_id and ro.id = r.round_id
           where sc.workspace_id = ${workspaceId} and sc.person_id = ${personId}
           order by ro.period_end desc, o.name limit 12`,
    ),
    rows<{ programme: string; youSaid: string; weDid: string; madeOn: string }>(
      db,
      sql`select p.name as programme, c.you_said as "youSaid", c.we_did as "weDid", c.made_on::text as "madeOn"
            from programme_changes c join programmes p on p.workspace_id = c.workspace_id and p.id = c.programme_id
           where c.workspace_id = ${workspaceId}
             and c.programme_id in (select cm.programme_id from cohort_members cm where cm.workspace_id = ${workspaceId} and cm.person_id = ${personId})
           order by c.made_on desc limit 8`,
    ),
  ]);
  // Their work, in words: what their programmes are for, where they answer for sites.
  const work = [...programmes.map((p) => `${p.name}. ${p.aims}`), ...sites.map((s) => s.programme)].join('\n');
  const [lessons, guideHits] = work
    ? await Promise.all([
        relevantLessons(db, workspaceId, member, work, { limit: 6 }),
        searchRanked(db, workspaceId, work, { kinds: [GUIDE_KIND], limit: 3, feedback: false, typos: false }),
      ])
    : [[], []];
  const guides = guideHits.length
    ? await rows<{ id: string; title: string }>(
        db,
        sql`select id, title from guides where workspace_id = ${workspaceId} and id = any(${uuidArray(guideHits.map((h) => h.sourceId))})`,
      )
    : [];
  return { programmes, sites, requests, actions, owned, communities, contacts, returns, decisions, lessons, guides };
}

export type HandoverPack = Awaited<ReturnType<typeof handoverPack>>;
