/**
 * The checkpoint briefing: for one round, what the department's checkpoint
 * meeting needs. Bridgework drafts the words from the returns; facilitators
 * edit them before sharing. The figures (RAG summary, indicators) are always
 * drawn live from the submitted returns, so they cannot drift from the data.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../core/db/client.ts';
import { formatNumber } from '../../../core/views/format.ts';
import type { Programme } from '../../programmes/queries.ts';
import { buildDashboard } from '../dashboard/dashboard.ts';
import type { Round } from '../rounds/queries.ts';
import { type SectionPurpose, type TemplateDefinition } from '../tables.ts';
import { checkpointBriefings } from './tables.ts';

export type Briefing = typeof checkpointBriefings.$inferSelect;
export const briefingTextFields = ['headline', 'progress', 'themes', 'risks', 'goodPractice'] as const;
export type BriefingTextField = (typeof briefingTextFields)[number];
export const briefingFieldTitles: Record<BriefingTextField, string> = {
  headline: 'Headline',
  progress: 'Progress and RAG changes',
  themes: 'Top themes',
  risks: 'Risks and support requested',
  goodPractice: 'Good practice worth spreading',
};

/** The template sections that hold good practice and support requests, as facilitators marked them. */
function sectionKeys(definition: TemplateDefinition) {
  const find = (purpose: SectionPurpose) => definition.sections.find((s) => s.purpose === purpose)?.key;
  return { goodPractice: find('good_practice'), support: find('support') };
}

/** Everything the briefing says, worked out from the round's submitted returns and codes. */
export async function briefingFacts(db: Executor, workspaceId: string, programme: Programme, round: Round) {
  const dashboard = await buildDashboard(db, workspaceId, programme.id, { round: round.number });
  if (dashboard.empty) throw new Error('A briefing needs a round');
  const keys = sectionKeys(dashboard.definition);
  const themeRows = await rows<{ theme_id: string; name: string; round_number: number; n: number }>(
    db,
    sql`select c.theme_id, t.name, rd.number as round_number, count(*)::int as n
        from delivery_theme_codings c
        join delivery_themes t on t.workspace_id = c.workspace_id and t.id = c.theme_id
        join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
        join checkpoint_rounds rd on rd.workspace_id = r.workspace_id and rd.id = r.round_id
        where c.workspace_id = ${workspaceId} and c.programme_id = ${programme.id} and rd.number in (${round.number}, ${round.number - 1})
        group by c.theme_id, t.name, rd.number`,
  );
  const themes = [...new Set(themeRows.map((t) => t.theme_id))]
    .map((id) => {
      const now = themeRows.find((t) => t.theme_id === id && Number(t.round_number) === round.number);
      const before = themeRows.find((t) => t.theme_id === id && Number(t.round_number) === round.number - 1);
      return { id, name: (now ?? before)!.name, n: now?.n ?? 0, before: before?.n ?? 0 };
    })
    .filter((t) => t.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 6);
  const quotes = await rows<{ theme_id: string; excerpt: string; site: string }>(
    db,
    sql`select distinct on (c.theme_id, c.excerpt) c.theme_id, c.excerpt, o.name as site
        from delivery_theme_codings c
        join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
        join delivery_sites s on s.workspace_id = r.workspace_id and s.id = r.site_id
        join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
        where c.workspace_id = ${workspaceId} and r.round_id = ${round.id}
        order by c.theme_id, c.excerpt, o.name`,
  );
  const answers = await rows<{ key: string; text: string; site: string }>(
    db,
    sql`select kv.key, kv.value as text, o.name as site
        from checkpoint_returns r
        cross join lateral jsonb_each_text(r.content -> 'sections') kv
        join delivery_sites s on s.workspace_id = r.workspace_id and s.id = r.site_id
        join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
        where r.workspace_id = ${workspaceId} and r.round_id = ${round.id} and r.status = 'submitted' and length(kv.value) >= 40
        order by o.name`,
  );
  const pickAnswers = (key: string | undefined, count: number) => {
    const seen = new Set<string>();
    return answers.filter((a) => a.key === key && !seen.has(a.text) && seen.add(a.text)).slice(0, count);
  };
  const reds = dashboard.grid
    .flatMap((row) => row.cells.map((cell, i) => ({ site: row.site, workstream: dashboard.definition.workstreams[i], cell })))
    .filter((entry) => entry.cell.rag === 'red');
  const worsened = dashboard.grid
    .flatMap((row) => row.cells.map((cell, i) => ({ site: row.site, workstream: dashboard.definition.workstreams[i], cell })))
    .filter((entry) => entry.cell.change === 'worse');
  const slipped = dashboard.milestones.flatMap((m) => m.slipped.filter((s) => s.slipDays > 30 && !s.met).map((s) => ({ milestone: m.milestone, ...s })));
  return {
    dashboard,
    themes: themes.map((t) => ({ ...t, quotes: quotes.filter((q) => q.theme_id === t.id).slice(0, 2) })),
    reds,
    worsened,
    slipped,
    support: pickAnswers(keys.support, 6),
    goodPractice: pickAnswers(keys.goodPractice, 5),
  };
}

export type BriefingFacts = Awaited<ReturnType<typeof briefingFacts>>;

/** A first draft of each section's words, for the facilitators to edit. */
export function draftText(facts: BriefingFacts, round: Round): Record<BriefingTextField, string> {
  const d = facts.dashboard;
  if (d.empty) throw new Error('A briefing needs a round');
  const lead = d.indicators.filter((i) => i.value !== null && i.target !== null).slice(0, 4);
  const headline = [
    `${d.completeness.submitted} of ${d.total} sites submitted their return for ${round.title}${d.completeness.late ? `; ${d.completeness.late} ${d.completeness.late === 1 ? 'is' : 'are'} late` : ''}.`,
    lead.length
      ? `${lead.map((i) => `${i.indicator.name}: ${formatNumber(i.value!)}${i.isAverage ? ' on average' : ''} against a target of ${formatNumber(i.target!)} (${i.targetNote})`).join('; ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const progress = d.ragSummary
    .map(
      (s) =>
        `${s.workstream.name}: ${s.green} green, ${s.amber} amber, ${s.red} red${s.worse || s.better ? ` (${s.worse} worse and ${s.better} better than last round)` : ''}.`,
    )
    .join('\n');
  const themes = facts.themes.length
    ? facts.themes
        .map(
          (t) =>
            `${t.name}: raised in ${t.n} answers${t.before ? ` (${t.before} last round)` : ''}.${t.quotes[0] ? ` “${t.quotes[0].excerpt}” (${t.quotes[0].site})` : ''}`,
        )
        .join('\n')
    : 'No answers from this round have been coded with themes yet. Code them on the Themes page, then generate the briefing again.';
  const risks = [
    facts.reds.length
      ? `${facts.reds.length} workstream ratings are red, at ${[...new Set(facts.reds.map((r) => r.site.name))].slice(0, 6).join(', ')}${new Set(facts.reds.map((r) => r.site.name)).size > 6 ? ' and others' : ''}.`
      : 'No workstream is rated red.',
    facts.slipped.length
      ? `${facts.slipped.length} milestones are more than a month late and not yet met; the furthest behind: ${facts.slipped
          .sort((a, b) => b.slipDays - a.slipDays)
          .slice(0, 3)
          .map((s) => `${s.milestone.name} at ${s.site.name} (${s.slipDays} days)`)
          .join('; ')}.`
      : '',
    ...facts.support.map((s) => `Support asked for by ${s.site}: “${s.text}”`),
  ]
    .filter(Boolean)
    .join('\n');
  const goodPractice = facts.goodPractice.length ? facts.goodPractice.map((g) => `${g.site}: “${g.text}”`).join('\n') : 'No good practice reported this round.';
  return { headline, progress, themes, risks, goodPractice };
}
