import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rows, type Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { people } from '../../people/tables.ts';
import { deliveryThemes, themeCandidates, themeCodings, themeResponses, type CodingOrigin } from '../tables.ts';

/*
 * Theme coding of the returns' free text: reading the programme's codebook, the answers
 * to code, counts, quotes and the department's responses.
 */

export type Theme = typeof deliveryThemes.$inferSelect;

export type Candidate = typeof themeCandidates.$inferSelect;

/** Whitespace as a browser shows it: runs of spaces and line breaks read as one space. */
export const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Answers shorter than this ("None this month.") carry no theme worth coding. */
const MIN_UNIT_LENGTH = 40;

/** From a return `r` to its round `rd`, site `s`, authority `o` and hub `h`: the joins the theme queries share. */
const returnPlaceJoins = sql.raw(`join checkpoint_rounds rd on rd.workspace_id = r.workspace_id and rd.id = r.round_id
        join delivery_sites s on s.workspace_id = r.workspace_id and s.id = r.site_id
        join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
        left join organisations h on h.workspace_id = o.workspace_id and h.id = o.parent_id`);

export interface TextUnit {
  returnId: string;
  sectionKey: string;
  text: string;
  siteId: string;
  site: string;
  hub: string;
  roundNumber: number;
  roundTitle: string;
  themeIds: string[];
  /** The part of the answer its themes quote, when an analyst chose one rather than the whole answer. */
  quote: string | null;
}

export async function codebook(db: Executor, workspaceId: string, programmeId: string) {
  const themes = await db
    .select()
    .from(deliveryThemes)
    .where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.programmeId, programmeId)))
    .orderBy(asc(deliveryThemes.name));
  const counts = await db
    .select({ themeId: themeCodings.themeId, n: sql<number>`count(*)::int` })
    .from(themeCodings)
    .where(and(eq(themeCodings.workspaceId, workspaceId), eq(themeCodings.programmeId, programmeId)))
    .groupBy(themeCodings.themeId);
  const byTheme = new Map(counts.map((c) => [c.themeId, c.n]));
  return themes.map((theme) => ({ ...theme, codings: byTheme.get(theme.id) ?? 0 }));
}

export async function findTheme(db: Executor, workspaceId: string, programmeId: string, id: string): Promise<Theme | undefined> {
  if (!isUuid(id)) return undefined;
  const [theme] = await db
    .select()
    .from(deliveryThemes)
    .where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.programmeId, programmeId), eq(deliveryThemes.id, id)));
  return theme;
}

export interface UnitFilter {
  /** One answer: a return and its section. */
  unit?: { returnId: string; sectionKey: string };
  round?: number;
  sectionKey?: string;
  hubId?: string;
  uncodedOnly?: boolean;
  themeId?: string;
}

/** Every non-trivial free-text answer of submitted returns, newest round first, with its codes. */
export async function textUnits(db: Executor, workspaceId: string, programmeId: string, filter: UnitFilter = {}): Promise<TextUnit[]> {
  const units = await rows<{
    return_id: string;
    section_key: string;
    text: string;
    site_id: string;
    site: string;
    hub: string | null;
    hub_id: string | null;
    round_number: number;
    round_title: string;
    theme_ids: string[] | null;
    excerpt: string | null;
  }>(
    db,
    sql`select r.id as return_id, kv.key as section_key, kv.value as text, r.site_id, o.name as site, h.name as hub, h.id as hub_id,
               rd.number as round_number, rd.title as round_title,
               (select array_agg(c.theme_id::text) from delivery_theme_codings c where c.workspace_id = r.workspace_id and c.return_id = r.id and c.section_key = kv.key) as theme_ids,
               (select c.excerpt from delivery_theme_codings c where c.workspace_id = r.workspace_id and c.return_id = r.id and c.section_key = kv.key order by c.created_at desc limit 1) as excerpt
        from checkpoint_returns r
        cross join lateral jsonb_each_text(r.content -> 'sections') kv
        ${returnPlaceJoins}
        where r.workspace_id = ${workspaceId} and r.programme_id = ${programmeId} and r.status = 'submitted'
          and length(kv.value) >= ${MIN_UNIT_LENGTH}
          ${filter.round ? sql`and rd.number = ${filter.round}` : sql``}
          ${filter.sectionKey ? sql`and kv.key = ${filter.sectionKey}` : sql``}
          ${filter.hubId ? sql`and h.id = ${filter.hubId}::uuid` : sql``}
          ${filter.unit ? sql`and r.id = ${filter.unit.returnId}::uuid and kv.key = ${filter.unit.sectionKey}` : sql``}
          ${filter.uncodedOnly ? sql`and not exists (select 1 from delivery_theme_codings c where c.workspace_id = r.workspace_id and c.return_id = r.id and c.section_key = kv.key)` : sql``}
          ${filter.themeId ? sql`and exists (select 1 from delivery_theme_codings c where c.workspace_id = r.workspace_id and c.return_id = r.id and c.section_key = kv.key and c.theme_id = ${filter.themeId}::uuid)` : sql``}
        order by rd.number desc, o.name, kv.key`,
  );
  return units.map((u) => ({
    returnId: u.return_id,
    sectionKey: u.section_key,
    text: u.text,
    siteId: u.site_id,
    site: u.site,
    hub: u.hub ?? '',
    roundNumber: Number(u.round_number),
    roundTitle: u.round_title,
    themeIds: u.theme_ids ?? [],
    quote: u.excerpt && collapseSpace(u.excerpt) !== collapseSpace(u.text) ? u.excerpt : null,
  }));
}

export async function openCandidates(db: Executor, workspaceId: string, programmeId: string): Promise<Candidate[]> {
  const found = await db
    .select()
    .from(themeCandidates)
    .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.status, 'open')));
  return found.sort((a, b) => b.members.length - a.members.length);
}

/** How often each theme comes up, by round and by hub: counted as answers coded. */
export async function themeCounts(db: Executor, workspaceId: string, programmeId: string) {
  const counted = await rows<{ theme_id: string; round_number: number; hub: string | null; n: number }>(
    db,
    sql`select c.theme_id, rd.number as round_number, h.name as hub, count(*)::int as n
        from delivery_theme_codings c
        join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
        ${returnPlaceJoins}
        where c.workspace_id = ${workspaceId} and c.programme_id = ${programmeId}
        group by c.theme_id, rd.number, h.name`,
  );
  return counted.map((row) => ({ themeId: row.theme_id, round: Number(row.round_number), hub: row.hub ?? 'Not in a hub', n: Number(row.n) }));
}

/** Quotes for a theme: the coded excerpts with where and when they came from, newest first. */
export async function themeQuotes(db: Executor, workspaceId: string, themeId: string, limit = 40) {
  return rows<{ excerpt: string; site: string; hub: string | null; round_number: number; round_title: string; origin: CodingOrigin }>(
    db,
    sql`select c.excerpt, o.name as site, h.name as hub, rd.number as round_number, rd.title as round_title, c.origin
        from delivery_theme_codings c
        join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
        ${returnPlaceJoins}
        where c.workspace_id = ${workspaceId} and c.theme_id = ${themeId}
        order by rd.number desc, o.name
        limit ${limit}`,
  );
}

const responders = alias(people, 'responder');

/** "You said, we did": the department's answers to themes, newest first. */
export async function responsesOf(db: Executor, workspaceId: string, programmeId: string, themeId?: string) {
  return db
    .select({
      id: themeResponses.id,
      response: themeResponses.response,
      createdAt: themeResponses.createdAt,
      themeId: themeResponses.themeId,
      theme: deliveryThemes.name,
      by: responders.fullName,
    })
    .from(themeResponses)
    .innerJoin(deliveryThemes, and(eq(deliveryThemes.workspaceId, themeResponses.workspaceId), eq(deliveryThemes.id, themeResponses.themeId)))
    .leftJoin(responders, and(eq(responders.workspaceId, themeResponses.workspaceId), eq(responders.id, themeResponses.respondedByPersonId)))
    .where(
      and(eq(themeResponses.workspaceId, workspaceId), eq(themeResponses.programmeId, programmeId), themeId ? eq(themeResponses.themeId, themeId) : undefined),
    )
    .orderBy(desc(themeResponses.createdAt));
}

/** The theme of this programme with this name, whatever its letter case, unless it is the one being renamed. */
export async function nameTaken(db: Executor, workspaceId: string, programmeId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: deliveryThemes.id })
    .from(deliveryThemes)
    .where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.programmeId, programmeId), sql`lower(${deliveryThemes.name}) = lower(${name})`));
  return row && row.id !== exceptId ? row.id : undefined;
}

export async function findCandidate(db: Executor, workspaceId: string, programmeId: string, id: string): Promise<Candidate | undefined> {
  const [candidate] = await db
    .select()
    .from(themeCandidates)
    .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.id, id)));
  return candidate;
}
