/**
 * Theme coding of the returns' free text: the programme's codebook, analysts'
 * codes on each answer, suggestions learned from what was coded before, and
 * emerging themes found by clustering the text nobody has coded yet.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { people } from '../people/tables.ts';
import { emergingThemes, ThemeSuggester, type Suggestion } from '../text/themes.ts';
import { deliveryThemes, themeCandidates, themeCodings, themeResponses, type CandidateMember, type CodingOrigin } from './tables.ts';

export type Theme = typeof deliveryThemes.$inferSelect;
export type Candidate = typeof themeCandidates.$inferSelect;

export class ThemeRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Answers shorter than this ("None this month.") carry no theme worth coding. */
const MIN_UNIT_LENGTH = 40;

/** From a return `r` to its round `rd`, site `s`, authority `o` and hub `h`: the joins the theme queries share. */
const returnPlaceJoins = sql.raw(`join checkpoint_rounds rd on rd.id = r.round_id
        join delivery_sites s on s.id = r.site_id
        join organisations o on o.id = s.organisation_id
        left join organisations h on h.id = o.parent_id`);

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

/** Whitespace as a browser shows it: runs of spaces and line breaks read as one space. */
const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The passage of `answer` an analyst quoted, or an error in words they can act
 * on. Text selected on the page comes with its line breaks folded into spaces,
 * so the match ignores differences in whitespace and letter case; what is kept
 * is the passage as it reads in the answer.
 */
export function quoteFrom(answer: string, quote: string): string {
  const wanted = collapseSpace(quote);
  if (!wanted) return '';
  const shown = collapseSpace(answer);
  const at = shown.toLowerCase().indexOf(wanted.toLowerCase());
  if (at < 0)
    throw new ThemeRuleError(
      'excerpt',
      'The quote must be words from the answer, as they appear there. Select or copy them from the answer, or leave the box empty to quote the whole answer.',
    );
  return shown.slice(at, at + wanted.length);
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

async function nameTaken(db: Executor, programmeId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: deliveryThemes.id })
    .from(deliveryThemes)
    .where(and(eq(deliveryThemes.programmeId, programmeId), sql`lower(${deliveryThemes.name}) = lower(${name})`));
  return row && row.id !== exceptId ? row.id : undefined;
}

export async function saveTheme(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  input: { name: string; description: string },
  id?: string,
): Promise<string> {
  if (await nameTaken(db, programmeId, input.name, id))
    throw new ThemeRuleError('name', `There is already a theme called “${input.name}”. Merge into it instead.`);
  if (id) {
    const theme = await findTheme(db, ctx.workspace.id, programmeId, id);
    if (!theme) throw new NotFoundError();
    await db.update(deliveryThemes).set(input).where(eq(deliveryThemes.id, id));
    await recordAudit(db, ctx.workspace.id, ctx.actor, {
      action: 'delivery.theme_changed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Renamed the theme “${theme.name}” to “${input.name}”`,
    });
    return id;
  }
  const [row] = await db
    .insert(deliveryThemes)
    .values({ workspaceId: ctx.workspace.id, programmeId, ...input })
    .returning({ id: deliveryThemes.id });
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_added',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Added the theme “${input.name}”`,
  });
  return row.id;
}

/** Fold one theme into another: its codes move across (without doubling up) and it goes. */
export async function mergeThemes(db: Db, ctx: WorkspaceContext, programmeId: string, fromId: string, intoId: string): Promise<{ from: string; into: string }> {
  const [from, into] = await Promise.all([findTheme(db, ctx.workspace.id, programmeId, fromId), findTheme(db, ctx.workspace.id, programmeId, intoId)]);
  if (!from || !into) throw new ThemeRuleError('into', 'Choose a theme to merge into');
  if (from.id === into.id) throw new ThemeRuleError('into', 'Choose a different theme to merge into');
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into delivery_theme_codings (workspace_id, programme_id, theme_id, return_id, section_key, excerpt, origin, coded_by_person_id, created_at)
      select workspace_id, programme_id, ${into.id}, return_id, section_key, excerpt, origin, coded_by_person_id, created_at
      from delivery_theme_codings where theme_id = ${from.id}
      on conflict do nothing`);
    await tx.update(themeResponses).set({ themeId: into.id }).where(eq(themeResponses.themeId, from.id));
    await tx.delete(deliveryThemes).where(eq(deliveryThemes.id, from.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'delivery.themes_merged',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Merged the theme “${from.name}” into “${into.name}”`,
    });
  });
  return { from: from.name, into: into.name };
}

export async function deleteTheme(db: Db, ctx: WorkspaceContext, programmeId: string, id: string): Promise<string> {
  const theme = await findTheme(db, ctx.workspace.id, programmeId, id);
  if (!theme) throw new NotFoundError();
  await db.delete(deliveryThemes).where(eq(deliveryThemes.id, theme.id));
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_deleted',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Deleted the theme “${theme.name}” and its codes`,
  });
  return theme.name;
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
               (select array_agg(c.theme_id::text) from delivery_theme_codings c where c.return_id = r.id and c.section_key = kv.key) as theme_ids,
               (select c.excerpt from delivery_theme_codings c where c.return_id = r.id and c.section_key = kv.key order by c.created_at desc limit 1) as excerpt
        from checkpoint_returns r
        cross join lateral jsonb_each_text(r.content -> 'sections') kv
        ${returnPlaceJoins}
        where r.workspace_id = ${workspaceId} and r.programme_id = ${programmeId} and r.status = 'submitted'
          and length(kv.value) >= ${MIN_UNIT_LENGTH}
          ${filter.round ? sql`and rd.number = ${filter.round}` : sql``}
          ${filter.sectionKey ? sql`and kv.key = ${filter.sectionKey}` : sql``}
          ${filter.hubId ? sql`and h.id = ${filter.hubId}::uuid` : sql``}
          ${filter.unit ? sql`and r.id = ${filter.unit.returnId}::uuid and kv.key = ${filter.unit.sectionKey}` : sql``}
          ${filter.uncodedOnly ? sql`and not exists (select 1 from delivery_theme_codings c where c.return_id = r.id and c.section_key = kv.key)` : sql``}
          ${filter.themeId ? sql`and exists (select 1 from delivery_theme_codings c where c.return_id = r.id and c.section_key = kv.key and c.theme_id = ${filter.themeId}::uuid)` : sql``}
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

/**
 * Set the themes on one answer: codes not in the list go, new ones are added.
 * All of an answer's themes quote the same passage. `excerpt` (from the coding
 * form) sets it, and an empty one means the whole answer. Without it (a
 * suggestion accepted with one click), new themes keep the passage already
 * chosen.
 */
export async function codeUnit(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  unit: { returnId: string; sectionKey: string },
  themeIds: string[],
  options: { excerpt?: string; origin?: CodingOrigin } = {},
): Promise<void> {
  if (!isUuid(unit.returnId) || !/^[a-z]\d{1,6}$/.test(unit.sectionKey)) throw new NotFoundError();
  const [found] = await textUnits(db, ctx.workspace.id, programmeId, { unit });
  if (!found) throw new NotFoundError('That answer is not in this programme’s submitted returns.');
  const valid = (
    await db
      .select({ id: deliveryThemes.id })
      .from(deliveryThemes)
      .where(and(eq(deliveryThemes.workspaceId, ctx.workspace.id), eq(deliveryThemes.programmeId, programmeId)))
  ).map((t) => t.id);
  const wanted = [...new Set(themeIds)].filter((id) => valid.includes(id));
  const chosen = options.excerpt === undefined ? undefined : quoteFrom(found.text, options.excerpt);
  const excerpt = chosen || (chosen === undefined && found.quote) || found.text;
  await db.transaction(async (tx) => {
    const thisAnswer = and(
      eq(themeCodings.workspaceId, ctx.workspace.id),
      eq(themeCodings.returnId, unit.returnId),
      eq(themeCodings.sectionKey, unit.sectionKey),
    );
    const current = await tx.select({ themeId: themeCodings.themeId }).from(themeCodings).where(thisAnswer);
    const remove = current.map((c) => c.themeId).filter((id) => !wanted.includes(id));
    if (remove.length) await tx.delete(themeCodings).where(and(thisAnswer, inArray(themeCodings.themeId, remove)));
    if (chosen !== undefined) await tx.update(themeCodings).set({ excerpt }).where(thisAnswer);
    const add = wanted.filter((id) => !current.some((c) => c.themeId === id));
    if (add.length) {
      await tx
        .insert(themeCodings)
        .values(
          add.map((themeId) => ({
            workspaceId: ctx.workspace.id,
            programmeId,
            themeId,
            returnId: unit.returnId,
            sectionKey: unit.sectionKey,
            excerpt,
            origin: options.origin ?? 'analyst',
            codedByPersonId: ctx.member.personId,
          })),
        )
        .onConflictDoNothing();
    }
  });
}

/** Suggesters trained per programme, kept until the codes change. */
const suggesters = new Map<string, { signature: string; suggester: ThemeSuggester | null }>();

/** A model of the programme's coding so far, retrained only when codes have been added or removed since. */
export async function suggesterFor(db: Executor, workspaceId: string, programmeId: string): Promise<ThemeSuggester | null> {
  const [state] = await db
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<string>`coalesce(max(${themeCodings.createdAt})::text, '')`,
      themes: sql<number>`count(distinct ${themeCodings.themeId})::int`,
    })
    .from(themeCodings)
    .where(and(eq(themeCodings.workspaceId, workspaceId), eq(themeCodings.programmeId, programmeId)));
  const signature = `${state.n}:${state.latest}`;
  const cached = suggesters.get(programmeId);
  if (cached?.signature === signature) return cached.suggester;
  let suggester: ThemeSuggester | null = null;
  // Suggestions need a few examples of at least two themes to mean anything.
  if (state.n >= 10 && state.themes >= 2) {
    const coded = await rows<{ text: string; theme_id: string }>(
      db,
      sql`select kv.value as text, c.theme_id from delivery_theme_codings c
          join checkpoint_returns r on r.id = c.return_id
          cross join lateral jsonb_each_text(r.content -> 'sections') kv
          where c.workspace_id = ${workspaceId} and c.programme_id = ${programmeId} and kv.key = c.section_key`,
    );
    suggester = new ThemeSuggester().train(
      coded.map((c) => c.text),
      coded.map((c) => c.theme_id),
      { epochs: 8 },
    );
  }
  suggesters.set(programmeId, { signature, suggester });
  return suggester;
}

export async function suggestionsFor(db: Executor, workspaceId: string, programmeId: string, texts: string[]): Promise<Suggestion[][]> {
  const suggester = await suggesterFor(db, workspaceId, programmeId);
  // Only suggestions with real support are offered: a weak guess costs the analyst more than it saves.
  return texts.map((text) => (suggester ? suggester.suggest(text, 3).filter((s) => s.probability >= 0.2) : []));
}

/** The most characteristic words of a cluster, as a working name an analyst can change. */
function labelFrom(terms: string[]): string {
  // Word pairs read better than single words; drop single words a chosen pair already contains.
  const chosen: string[] = [];
  for (const term of [...terms].sort((a, b) => b.split(' ').length - a.split(' ').length)) {
    const words = term.split(' ');
    if (chosen.length < 2 && !chosen.some((c) => c.split(' ').some((word) => words.includes(word)))) chosen.push(term);
  }
  const words = chosen;
  const text = words.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Cluster the uncoded answers that the codebook does not already explain, and
 * store the clusters as candidate themes for an analyst to review. Replaces
 * the candidates still open from the last run.
 */
export async function findEmergingThemes(db: Db, ctx: WorkspaceContext, programmeId: string): Promise<number> {
  const workspaceId = ctx.workspace.id;
  const uncoded = await textUnits(db, workspaceId, programmeId, { uncodedOnly: true });
  const suggester = await suggesterFor(db, workspaceId, programmeId);
  // Answers the codebook already explains confidently are left to suggestions; what is left is new.
  const unexplained = suggester ? uncoded.filter((u) => (suggester.suggest(u.text, 1)[0]?.probability ?? 0) < 0.5) : uncoded;
  const units = unexplained.slice(0, 4000);
  const k = Math.max(2, Math.min(8, Math.round(Math.sqrt(units.length / 8))));
  const clusters =
    units.length >= 6
      ? emergingThemes(
          units.map((u) => u.text),
          k,
        )
      : [];
  // A cluster of two or three answers is an anecdote, not a theme.
  const worthShowing = clusters.filter((c) => c.members.length >= Math.max(3, units.length * 0.03));
  await db.transaction(async (tx) => {
    await tx
      .delete(themeCandidates)
      .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.status, 'open')));
    if (worthShowing.length) {
      await tx.insert(themeCandidates).values(
        worthShowing.map((cluster) => ({
          workspaceId,
          programmeId,
          label: labelFrom(cluster.keyTerms),
          keyTerms: cluster.keyTerms,
          members: cluster.members.map((i): CandidateMember => ({ returnId: units[i].returnId, sectionKey: units[i].sectionKey })),
          // The answers nearest the centre, without repeating the same words twice.
          quotes: [...new Set(cluster.representatives.map((i) => units[i].text))].slice(0, 3),
        })),
      );
    }
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.emerging_themes',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Looked for emerging themes in ${units.length} uncoded answers: ${worthShowing.length} candidates`,
    });
  });
  return worthShowing.length;
}

export async function openCandidates(db: Executor, workspaceId: string, programmeId: string): Promise<Candidate[]> {
  const found = await db
    .select()
    .from(themeCandidates)
    .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.status, 'open')));
  return found.sort((a, b) => b.members.length - a.members.length);
}

async function findCandidate(db: Executor, workspaceId: string, programmeId: string, id: string): Promise<Candidate> {
  if (!isUuid(id)) throw new NotFoundError();
  const [candidate] = await db
    .select()
    .from(themeCandidates)
    .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.id, id)));
  if (!candidate) throw new NotFoundError();
  if (candidate.status !== 'open') throw new ThemeRuleError('candidate', 'Someone has already dealt with that candidate theme.');
  return candidate;
}

/** Accept a candidate as a new theme (under the analyst's name for it), or merge it into an existing one; its answers are coded either way. */
export async function resolveCandidate(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  candidateId: string,
  decision: { action: 'accept'; name: string; description: string } | { action: 'merge'; themeId: string } | { action: 'dismiss' },
): Promise<string> {
  const workspaceId = ctx.workspace.id;
  const candidate = await findCandidate(db, workspaceId, programmeId, candidateId);
  if (decision.action === 'dismiss') {
    await db.update(themeCandidates).set({ status: 'dismissed', resolvedAt: new Date() }).where(eq(themeCandidates.id, candidate.id));
    return `Dismissed “${candidate.label}”.`;
  }
  let theme: Theme | undefined;
  if (decision.action === 'merge') {
    theme = await findTheme(db, workspaceId, programmeId, decision.themeId);
    if (!theme) throw new ThemeRuleError('themeId', 'Choose the theme to merge into');
  } else if (await nameTaken(db, programmeId, decision.name)) {
    throw new ThemeRuleError('name', `There is already a theme called “${decision.name}”. Merge the candidate into it instead.`);
  }
  return db.transaction(async (tx) => {
    if (!theme)
      [theme] = await tx
        .insert(deliveryThemes)
        .values({ workspaceId, programmeId, name: (decision as { name: string }).name, description: (decision as { description: string }).description })
        .returning();
    const texts = new Map(
      (
        await rows<{ return_id: string; section_key: string; text: string }>(
          tx,
          sql`select r.id as return_id, kv.key as section_key, kv.value as text from checkpoint_returns r cross join lateral jsonb_each_text(r.content -> 'sections') kv
              where r.workspace_id = ${workspaceId} and r.id in (${sql.join(
                [...new Set(candidate.members.map((m) => m.returnId))].map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`,
        )
      ).map((row) => [`${row.return_id}:${row.section_key}`, row.text]),
    );
    const codings = candidate.members
      .filter((m) => texts.has(`${m.returnId}:${m.sectionKey}`))
      .map((m) => ({
        workspaceId,
        programmeId,
        themeId: theme!.id,
        returnId: m.returnId,
        sectionKey: m.sectionKey,
        excerpt: texts.get(`${m.returnId}:${m.sectionKey}`)!,
        origin: 'emerging' as const,
        codedByPersonId: ctx.member.personId,
      }));
    for (let i = 0; i < codings.length; i += 500)
      await tx
        .insert(themeCodings)
        .values(codings.slice(i, i + 500))
        .onConflictDoNothing();
    await tx
      .update(themeCandidates)
      .set({ status: decision.action === 'merge' ? 'merged' : 'accepted', themeId: theme.id, resolvedAt: new Date() })
      .where(eq(themeCandidates.id, candidate.id));
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.candidate_resolved',
      entityType: 'programme',
      entityId: programmeId,
      summary: decision.action === 'merge' ? `Merged the candidate “${candidate.label}” into “${theme.name}”` : `Accepted the emerging theme “${theme.name}”`,
    });
    return decision.action === 'merge'
      ? `Coded ${codings.length} answers with “${theme.name}”.`
      : `Added the theme “${theme.name}” and coded ${codings.length} answers with it.`;
  });
}

/** How often each theme comes up, by round and by hub: counted as answers coded. */
export async function themeCounts(db: Executor, workspaceId: string, programmeId: string) {
  const counted = await rows<{ theme_id: string; round_number: number; hub: string | null; n: number }>(
    db,
    sql`select c.theme_id, rd.number as round_number, h.name as hub, count(*)::int as n
        from delivery_theme_codings c
        join checkpoint_returns r on r.id = c.return_id
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
        join checkpoint_returns r on r.id = c.return_id
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
    .innerJoin(deliveryThemes, eq(deliveryThemes.id, themeResponses.themeId))
    .leftJoin(responders, eq(responders.id, themeResponses.respondedByPersonId))
    .where(
      and(eq(themeResponses.workspaceId, workspaceId), eq(themeResponses.programmeId, programmeId), themeId ? eq(themeResponses.themeId, themeId) : undefined),
    )
    .orderBy(desc(themeResponses.createdAt));
}

export async function respondToTheme(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  themeId: string,
  response: string,
  roundId: string | null,
): Promise<void> {
  const theme = await findTheme(db, ctx.workspace.id, programmeId, themeId);
  if (!theme) throw new NotFoundError();
  await db.insert(themeResponses).values({ workspaceId: ctx.workspace.id, programmeId, themeId, roundId, response, respondedByPersonId: ctx.member.personId });
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_response',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Recorded the department’s response to “${theme.name}”`,
  });
}
