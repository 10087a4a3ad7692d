import { sql } from 'drizzle-orm';
import { isStaff } from '../../core/auth/roles.ts';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import type { Member } from '../../core/http/context.ts';
import { formatDate } from '../../core/views/format.ts';
import { threadsMatching } from '../communities/queries.ts';
import { THREAD_KIND } from '../communities/search-text.ts';
import { eventsMatching } from '../communities/events/queries.ts';
import { EVENT_KIND } from '../communities/events/search-text.ts';
import { lessonsFor } from '../lessons/queries.ts';
import { LESSON_KIND } from '../lessons/search-text.ts';
import { GUIDE_KIND } from '../guides/search-text.ts';
import { ATTACHMENT_KIND } from '../evidence/search-text.ts';
import { PERSON_KIND } from '../people/search-text.ts';
import { PROGRAMME_KIND, SESSION_KIND } from '../programmes/search-text.ts';
import { searchRanked } from '../search/search.ts';
import { snippetsFor } from '../search/snippets.ts';

/** The kinds of thing the one search box finds, in the order the filter lists them. */
export const resultKinds = ['evidence', 'lesson', 'guide', 'discussion', 'event', 'person', 'programme', 'session'] as const;
export type ResultKind = (typeof resultKinds)[number];

export const resultKindLabels: Record<ResultKind, string> = {
  evidence: 'Evidence',
  lesson: 'Lessons',
  guide: 'Guides',
  discussion: 'Discussions',
  event: 'Events',
  person: 'People',
  programme: 'Programmes',
  session: 'Sessions',
};

export interface Result {
  kind: ResultKind;
  id: string;
  title: string;
  href: string;
  detail: string;
  snippetHtml?: string;
}

/** How many of the best documents are looked at: enough for a page of each kind. */
const CANDIDATES = 300;
const SHOWN = 50;

/**
 * Everything in the workspace matching a question, in one ranked list (the
 * one search module ranks every kind in one index), kept to what this person
 * may see: published lessons (all of them for staff), threads and events of communities they can read, programmes and sessions they
 * take part in (staff see all). Counts by kind, for the filter.
 */
export async function searchEverything(db: Executor, workspaceId: string, member: Member, question: string, only?: ResultKind) {
  const hits = await searchRanked(db, workspaceId, question, {
    kinds: ['evidence', ATTACHMENT_KIND, LESSON_KIND, GUIDE_KIND, THREAD_KIND, EVENT_KIND, PERSON_KIND, PROGRAMME_KIND, SESSION_KIND],
    limit: CANDIDATES,
  });
  const ids = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => h.sourceId);
  const staff = isStaff(member.role);
  const personId = member.personId || null;

  const [evidence, files, lessons, guides, threads, events, people, programmes, sessions] = await Promise.all([
    ids('evidence').length
      ? rows<{ id: string; title: string; year: number | null; sourceType: string }>(
          db,
          sql`select id, title, year, source_type as "sourceType" from evidence_items where workspace_id = ${workspaceId} and id = any(${uuidArray(ids('evidence'))})`,
        )
      : [],
    ids(ATTACHMENT_KIND).length
      ? rows<{ id: string; evidenceId: string; title: string; year: number | null }>(
          db,
          sql`select a.id, a.evidence_id as "evidenceId", e.title, e.year from evidence_attachments a
              join evidence_items e on e.workspace_id = a.workspace_id and e.id = a.evidence_id
              where a.workspace_id = ${workspaceId} and a.id = any(${uuidArray(ids(ATTACHMENT_KIND))})`,
        )
      : [],
    ids(LESSON_KIND).length ? lessonsFor(db, workspaceId, member, { ids: ids(LESSON_KIND) }) : [],
    ids(GUIDE_KIND).length
      ? rows<{ id: string; title: string; version: number }>(
          db,
          sql`select id, title, version from guides where workspace_id = ${workspaceId} and id = any(${uuidArray(ids(GUIDE_KIND))})`,
        )
      : [],
    threadsMatching(db, workspaceId, member, ids(THREAD_KIND)),
    eventsMatching(db, workspaceId, member, ids(EVENT_KIND)),
    ids(PERSON_KIND).length
      ? rows<{ id: string; fullName: string; jobTitle: string; organisation: string | null }>(
          db,
          sql`select p.id, p.full_name as "fullName", p.job_title as "jobTitle", o.name as organisation from people p
              left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
              where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(ids(PERSON_KIND))})`,
        )
      : [],
    ids(PROGRAMME_KIND).length
      ? rows<{ id: string; name: string; startsOn: string; endsOn: string }>(
          db,
          sql`select p.id, p.name, p.starts_on::text as "startsOn", p.ends_on::text as "endsOn" from programmes p
              where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(ids(PROGRAMME_KIND))})
                and (${staff} or exists (select 1 from cohort_members cm where cm.workspace_id = p.workspace_id and cm.programme_id = p.id and cm.person_id = ${personId}))`,
        )
      : [],
    ids(SESSION_KIND).length
      ? rows<{ id: string; programmeId: string; title: string; programme: string; startsAt: string }>(
          db,
          sql`select s.id, s.programme_id as "programmeId", s.title, p.name as programme, s.starts_at as "startsAt" from programme_sessions s
              join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
              where s.workspace_id = ${workspaceId} and s.id = any(${uuidArray(ids(SESSION_KIND))})
                and (${staff} or exists (select 1 from cohort_members cm where cm.workspace_id = s.workspace_id and cm.programme_id = s.programme_id and cm.person_id = ${personId}))`,
        )
      : [],
  ]);

  const found = new Map<string, Result>();
  const add = (hitKey: string, result: Result) => found.set(hitKey, result);
  for (const e of evidence)
    add(`evidence:${e.id}`, { kind: 'evidence', id: e.id, title: e.title, href: `/evidence/${e.id}`, detail: e.year ? String(e.year) : '' });
  for (const f of files)
    add(`${ATTACHMENT_KIND}:${f.id}`, {
      kind: 'evidence',
      id: f.evidenceId,
      title: f.title,
      href: `/evidence/${f.evidenceId}`,
      detail: 'Found in its attached file',
    });
  for (const t of threads)
    add(`${THREAD_KIND}:${t.id}`, {
      kind: 'discussion',
      id: t.id,
      title: t.title,
      href: `/communities/${t.communityId}/threads/${t.id}`,
      detail: `${t.kind === 'challenge' ? (t.solvedAt ? 'Solved challenge' : 'Challenge') : 'Discussion'} in ${t.community}`,
    });
  for (const l of lessons)
    add(`${LESSON_KIND}:${l.id}`, {
      kind: 'lesson',
      id: l.id,
      title: l.title,
      href: `/lessons/${l.id}`,
      detail: [l.status === 'published' ? 'Lesson' : `Lesson (${l.status})`, l.programme].filter(Boolean).join(' from '),
    });
  for (const g of guides)
    add(`${GUIDE_KIND}:${g.id}`, { kind: 'guide', id: g.id, title: g.title, href: `/guides/${g.id}`, detail: `Guide, version ${g.version}` });
  for (const e of events)
    add(`${EVENT_KIND}:${e.id}`, {
      kind: 'event',
      id: e.id,
      title: e.title,
      href: `/communities/${e.communityId}/events/${e.id}`,
      detail: `${e.cancelledAt ? 'Cancelled event' : 'Event'} in ${e.community}, ${formatDate(e.startsAt)}`,
    });
  for (const p of people)
    add(`${PERSON_KIND}:${p.id}`, {
      kind: 'person',
      id: p.id,
      title: p.fullName,
      href: `/people/${p.id}`,
      detail: [p.jobTitle, p.organisation].filter(Boolean).join(', '),
    });
  for (const p of programmes)
    add(`${PROGRAMME_KIND}:${p.id}`, {
      kind: 'programme',
      id: p.id,
      title: p.name,
      href: `/programmes/${p.id}`,
      detail: `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}`,
    });
  for (const s of sessions)
    add(`${SESSION_KIND}:${s.id}`, {
      kind: 'session',
      id: s.id,
      title: s.title,
      href: `/programmes/${s.programmeId}/sessions/${s.id}`,
      detail: `${s.programme}, ${formatDate(s.startsAt)}`,
    });

  // In rank order, each thing once (an item found by its title and its file is one result).
  const seen = new Set<string>();
  const ranked: Result[] = [];
  for (const hit of hits) {
    const result = found.get(`${hit.kind}:${hit.sourceId}`);
    if (!result || seen.has(`${result.kind}:${result.id}`)) continue;
    seen.add(`${result.kind}:${result.id}`);
    ranked.push(result);
  }
  // A thing named by the question comes before things that only mention it ("Mobilise" finds the programme first).
  const words = question.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const named = (r: Result) => words.length > 0 && words.every((word) => r.title.toLowerCase().includes(word));
  ranked.sort((a, b) => Number(named(b)) - Number(named(a)));
  const counts = Object.fromEntries(resultKinds.map((kind) => [kind, ranked.filter((r) => r.kind === kind).length])) as Record<ResultKind, number>;
  const shown = ranked.filter((r) => !only || r.kind === only).slice(0, SHOWN);
  // Snippets for what is shown, from each kind's own text.
  const kindOf: Record<ResultKind, string> = {
    evidence: 'evidence',
    lesson: LESSON_KIND,
    guide: GUIDE_KIND,
    discussion: THREAD_KIND,
    event: EVENT_KIND,
    person: PERSON_KIND,
    programme: PROGRAMME_KIND,
    session: SESSION_KIND,
  };
  for (const kind of resultKinds) {
    const these = shown.filter((r) => r.kind === kind);
    if (!these.length) continue;
    const snippets = await snippetsFor(
      db,
      workspaceId,
      question,
      kindOf[kind],
      these.map((r) => r.id),
    );
    for (const r of these) r.snippetHtml = snippets.get(r.id);
  }
  return { results: shown, counts, total: ranked.length };
}
