import { sql } from 'drizzle-orm';
import { isStaff } from '../../core/auth/roles.ts';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import type { Member } from '../../core/http/context.ts';
import { countOf } from '../../core/views/format.ts';
import { THREAD_KIND } from '../communities/search-text.ts';
import { threadsMatching } from '../communities/queries.ts';
import { PERSPECTIVE_SQL } from '../people/perspective.ts';
import { PERSON_KIND } from '../people/search-text.ts';
import type { Perspective } from '../people/tables.ts';
import { SESSION_KIND } from '../programmes/search-text.ts';
import { searchRanked, type SearchHit } from '../search/search.ts';

export interface ExpertFilters {
  organisationId?: string;
  region?: string;
  perspective?: Perspective;
  topicId?: string;
  openToContact?: boolean;
}

export interface Expert {
  id: string;
  fullName: string;
  jobTitle: string;
  organisation: string | null;
  region: string;
  perspective: Perspective | null;
  openToContact: boolean;
  score: number;
  /** Why they came up, in words: "answered 3 challenges about “recruitment”". */
  reasons: string[];
}

/**
 * How much each kind of sign counts, against a profile that matches as well
 * as the best profile does (1). Doing is worth nearly as much as saying: an
 * answer that helped someone, a session given, evidence found and added.
 */
const WEIGHT = { helped: 0.7, sessions: 0.6, evidence: 0.4, replied: 0.25 };
/**
 * Each further sign of one kind counts half the one before, so one person
 * who added a whole library, or replied everywhere, does not outrank people
 * who know the subject: at most twice the kind's weight.
 */
const FURTHER = 0.5;
/** Candidates taken from each kind of document the search module ranks. */
const PER_KIND = 100;
const SHOWN = 30;

type Activity = keyof typeof WEIGHT;
type Signals = { profile: number; score: number } & Record<Activity, Map<string, number>>;

/** A person's score: their profile's match, and each kind of activity's matches with diminishing weight. */
function scoreOf(s: Signals): number {
  let score = s.profile;
  for (const kind of Object.keys(WEIGHT) as Activity[]) {
    [...s[kind].values()].sort((a, b) => b - a).forEach((weight, index) => (score += WEIGHT[kind] * weight * FURTHER ** index));
  }
  return score;
}

/** Each kind's hits with their score as a share of that kind's best, so kinds weigh alike whatever their lengths. */
function normalised(hits: SearchHit[]): Map<string, number> {
  const best = Math.max(0, ...hits.map((hit) => hit.score));
  return new Map(hits.map((hit) => [hit.sourceId, best > 0 ? hit.score / best : 0]));
}

/** Words of four letters or more, cut to five, so "recruiting" and "recruitment" meet. */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4)
    .map((word) => word.slice(0, 5));

/**
 * "Who knows about X": people ranked by what their profile says (name, job,
 * expertise topics, bio) and by what they did that the one search module
 * finds about X: answers marked as helping in challenges, replies in
 * discussions, sessions they gave, evidence they added. Only what the asker
 * may see counts (threads of invite-only communities they are not in, and
 * sessions of programmes they are not part of, do not), and each person comes
 * with the reasons, said plainly.
 */
export async function findExperts(db: Executor, workspaceId: string, member: Member, question: string, filters: ExpertFilters = {}): Promise<Expert[]> {
  const search = (kind: string) => searchRanked(db, workspaceId, question, { kinds: [kind], limit: PER_KIND });
  const [personHits, threadHits, sessionHits, evidenceHits] = await Promise.all([
    search(PERSON_KIND),
    search(THREAD_KIND),
    search(SESSION_KIND),
    search('evidence'),
  ]);
  const signals = new Map<string, Signals>();
  const of = (personId: string) => {
    let found = signals.get(personId);
    if (!found) signals.set(personId, (found = { profile: 0, score: 0, helped: new Map(), replied: new Map(), sessions: new Map(), evidence: new Map() }));
    return found;
  };

  for (const [personId, weight] of normalised(personHits)) of(personId).profile = weight;

  const visibleThreads = await threadsMatching(
    db,
    workspaceId,
    member,
    threadHits.map((hit) => hit.sourceId),
  );
  const threadWeight = normalised(threadHits);
  if (visibleThreads.length) {
    const posts = await rows<{ personId: string; threadId: string; helpful: boolean }>(
      db,
      sql`select distinct author_person_id as "personId", thread_id as "threadId", helpful from community_posts
          where workspace_id = ${workspaceId} and hidden_at is null and author_person_id is not null
            and thread_id = any(${uuidArray(visibleThreads.map((t) => t.id))})`,
    );
    for (const post of posts) {
      const person = of(post.personId);
      const weight = threadWeight.get(post.threadId) ?? 0;
      if (post.helpful) {
        person.helped.set(post.threadId, weight);
        person.replied.delete(post.threadId);
      } else if (!person.helped.has(post.threadId)) person.replied.set(post.threadId, weight);
    }
  }

  const sessionWeight = normalised(sessionHits);
  if (sessionHits.length) {
    const speakers = await rows<{ personId: string; sessionId: string }>(
      db,
      sql`select ss.person_id as "personId", ss.session_id as "sessionId" from session_speakers ss
          join programme_sessions s on s.workspace_id = ss.workspace_id and s.id = ss.session_id
          where ss.workspace_id = ${workspaceId} and ss.session_id = any(${uuidArray(sessionWeight.keys())})
            and (${isStaff(member.role)} or exists (select 1 from cohort_members cm
              where cm.workspace_id = s.workspace_id and cm.programme_id = s.programme_id and cm.person_id = ${member.personId || null}))`,
    );
    for (const speaker of speakers) of(speaker.personId).sessions.set(speaker.sessionId, sessionWeight.get(speaker.sessionId) ?? 0);
  }

  const evidenceWeight = normalised(evidenceHits);
  if (evidenceHits.length) {
    const added = await rows<{ personId: string; id: string }>(
      db,
      sql`select added_by_person_id as "personId", id from evidence_items
          where workspace_id = ${workspaceId} and added_by_person_id is not null and id = any(${uuidArray(evidenceWeight.keys())})`,
    );
    for (const item of added) of(item.personId).evidence.set(item.id, evidenceWeight.get(item.id) ?? 0);
  }

  for (const s of signals.values()) s.score = scoreOf(s);
  const ranked = [...signals.entries()].filter(([, s]) => s.score > 0).sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
  if (!ranked.length) return [];
  const people = await rows<Omit<Expert, 'score' | 'reasons'> & { topics: string[] | null }>(
    db,
    sql`select p.id, p.full_name as "fullName", p.job_title as "jobTitle", o.name as organisation, p.region,
          (select array_agg(t.name order by t.name) from person_topics pt join topics t on t.workspace_id = pt.workspace_id and t.id = pt.topic_id
            where pt.workspace_id = p.workspace_id and pt.person_id = p.id) as topics,
          ${sql.raw(PERSPECTIVE_SQL)} as perspective, p.open_to_contact as "openToContact"
        from people p left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(ranked.map(([id]) => id))})
          ${filters.organisationId ? sql`and p.organisation_id = ${filters.organisationId}` : sql``}
          ${filters.region ? sql`and p.region = ${filters.region}` : sql``}
          ${filters.perspective ? sql`and ${sql.raw(PERSPECTIVE_SQL)} = ${filters.perspective}` : sql``}
          ${filters.openToContact ? sql`and p.open_to_contact` : sql``}
          ${
            filters.topicId
              ? sql`and exists (select 1 from person_topics pt where pt.workspace_id = p.workspace_id and pt.person_id = p.id and pt.topic_id = ${filters.topicId})`
              : sql``
          }`,
  );
  const byId = new Map(people.map(({ topics, ...person }) => [person.id, { ...person, topics: topics ?? [] }]));
  const asked = wordsOf(question);
  const profileReason = (topics: string[]) => {
    const matching = topics.filter((topic) => wordsOf(topic).some((word) => asked.includes(word)));
    return matching.length ? `expertise in ${matching.join(', ')}` : 'their profile matches';
  };
  const about = `about “${question.length > 60 ? `${question.slice(0, 57)}…` : question}”`;
  return ranked
    .filter(([id]) => byId.has(id))
    .slice(0, SHOWN)
    .map(([id, s]) => {
      const { topics, ...person } = byId.get(id)!;
      return { person, topics, s };
    })
    .map(({ person, topics, s }) => ({
      ...person,
      score: s.score,
      reasons: [
        s.profile > 0 ? profileReason(topics) : '',
        s.helped.size ? `answered ${countOf(s.helped.size, 'challenge')} ${about}, marked as helping` : '',
        s.sessions.size ? `spoke at ${countOf(s.sessions.size, 'session')} ${about}` : '',
        s.evidence.size ? `added ${countOf(s.evidence.size, 'evidence item')} ${about}` : '',
        s.replied.size ? `took part in ${countOf(s.replied.size, 'discussion')} ${about}` : '',
      ].filter(Boolean),
    }));
}
