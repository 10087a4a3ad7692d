/**
 * The delivery dashboard: every site's RAG by workstream, indicators against
 * targets with trends, totals by hub and region, milestone slippage and how
 * complete the round's returns are. Only submitted returns count.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../core/views/workbook.ts';
import { formatDateTime, formatNumber } from '../../../core/views/format.ts';
import { ragLabels } from '../../../core/views/labels.ts';
import { rows, type Executor } from '../../../core/db/client.ts';
import { londonToday } from '../../../core/dates.ts';
import { sparkline } from '../charts.ts';
import { roundsOf, roundTracker, type Round } from '../rounds/queries.ts';
import { sitesOf, type Site } from '../sites/queries.ts';
import { checkpointReturns, returnTemplates, type RagStatus, type ReturnContent, type TemplateDefinition } from '../tables.ts';

export interface DashboardFilters {
  round?: number;
  hubId?: string;
  region?: string;
}

const ragRank: Record<RagStatus, number> = { red: 0, amber: 1, green: 2 };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

async function definitionsOf(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, TemplateDefinition>> {
  if (!ids.length) return new Map();
  const found = await db
    .select({ id: returnTemplates.id, definition: returnTemplates.definition })
    .from(returnTemplates)
    .where(and(eq(returnTemplates.workspaceId, workspaceId), inArray(returnTemplates.id, ids)));
  return new Map(found.map((t) => [t.id, t.definition]));
}

/** Submitted indicator totals per round and indicator, summed in the database. */
async function indicatorTotals(db: Executor, workspaceId: string, programmeId: string, siteIds: string[] | null) {
  const siteFilter = siteIds ? sql`and r.site_id in (${sql.join(siteIds.length ? siteIds.map((id) => sql`${id}::uuid`) : [sql`null`], sql`, `)})` : sql``;
  return rows<{ round_id: string; key: string; total: string; sites: string }>(
    db,
    sql`select r.round_id, kv.key, sum((kv.value #>> '{}')::numeric) as total, count(*) as sites
        from checkpoint_returns r, jsonb_each(r.content -> 'indicators') kv
        where r.workspace_id = ${workspaceId} and r.programme_id = ${programmeId} and r.status = 'submitted'
          and jsonb_typeof(kv.value) = 'number' ${siteFilter}
        group by r.round_id, kv.key`,
  );
}

/** The parts of one round's submitted returns the dashboard reads: never the narrative. */
async function roundReturns(db: Executor, workspaceId: string, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .select({
      roundId: checkpointReturns.roundId,
      siteId: checkpointReturns.siteId,
      workstreams: sql<ReturnContent['workstreams']>`${checkpointReturns.content} -> 'workstreams'`,
      milestones: sql<ReturnContent['milestones']>`${checkpointReturns.content} -> 'milestones'`,
      indicators: sql<ReturnContent['indicators']>`${checkpointReturns.content} -> 'indicators'`,
    })
    .from(checkpointReturns)
    .where(and(eq(checkpointReturns.workspaceId, workspaceId), inArray(checkpointReturns.roundId, roundIds), eq(checkpointReturns.status, 'submitted')));
}

/**
 * How a figure stands against its target, said the right way round: "108% of
 * target" where more is better, "14 days over target" where fewer is better
 * (a percentage over 100 reads as good, which it is not there).
 */
export function targetNote(value: number | null, target: number | null, lowerIsBetter: boolean, unit: string): string {
  if (value === null || target === null || !target) return '';
  if (!lowerIsBetter) return `${Math.round((value / target) * 100)}% of target`;
  const gap = Math.abs(value - target);
  if (gap === 0) return 'on target';
  return `${formatNumber(gap)}${unit ? ` ${unit}` : ''} ${value > target ? 'over' : 'under'} target`;
}

export async function buildDashboard(db: Executor, workspaceId: string, programmeId: string, filters: DashboardFilters) {
  const [allSites, rounds] = await Promise.all([sitesOf(db, workspaceId, programmeId, { contacts: false }), roundsOf(db, workspaceId, programmeId)]);
  const hubs = [...new Map(allSites.filter((s) => s.hubId).map((s) => [s.hubId!, { id: s.hubId!, name: s.hub, region: s.region }])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const regions = [...new Set(allSites.map((s) => s.region).filter(Boolean))].sort();
  const sites = allSites.filter((s) => (!filters.hubId || s.hubId === filters.hubId) && (!filters.region || s.region === filters.region));
  const filtered = sites.length !== allSites.length;
  const started = rounds.filter((r) => r.status !== 'upcoming');
  const today = londonToday();
  // The default round is the latest one whose returns are due: the one the next checkpoint meeting discusses.
  const round =
    (filters.round ? rounds.find((r) => r.number === filters.round) : undefined) ??
    [...started].reverse().find((r) => r.dueOn <= today) ??
    started.at(-1) ??
    rounds[0];
  const base = { hubs, regions, rounds, round, sites, filters, filtered };
  if (!round) return { ...base, empty: true as const };

  const previous = rounds.find((r) => r.number === round.number - 1);
  const trendRounds = rounds.filter((r) => r.number <= round.number && r.status !== 'upcoming');
  const siteIds = new Set(sites.map((s) => s.id));
  const [definitions, totals, current, tracker] = await Promise.all([
    definitionsOf(db, workspaceId, [...new Set([round.templateId, ...(previous ? [previous.templateId] : [])])]),
    indicatorTotals(db, workspaceId, programmeId, filtered ? [...siteIds] : null),
    roundReturns(db, workspaceId, [round.id, ...(previous ? [previous.id] : [])]),
    roundTracker(db, workspaceId, programmeId, round, { sites: allSites }),
  ]);
  const definition = definitions.get(round.templateId)!;
  const thisRound = new Map(current.filter((r) => r.roundId === round.id && siteIds.has(r.siteId)).map((r) => [r.siteId, r]));
  const lastRound = new Map(current.filter((r) => previous && r.roundId === previous.id).map((r) => [r.siteId, r]));

  // RAG grid: one row per site, one cell per workstream, with the change since last round.
  const grid = sites.map((site) => {
    const mine = thisRound.get(site.id);
    const before = lastRound.get(site.id);
    return {
      site,
      submitted: Boolean(mine),
      indicators: mine?.indicators ?? {},
      cells: definition.workstreams.map((w) => {
        const rag: RagStatus | '' = mine?.workstreams?.[w.key]?.rag || '';
        const was: RagStatus | '' = before?.workstreams?.[w.key]?.rag || '';
        const change = rag && was && rag !== was ? (ragRank[rag] > ragRank[was] ? 'better' : 'worse') : '';
        return { rag, was, change, commentary: mine?.workstreams?.[w.key]?.commentary ?? '' };
      }),
    };
  });
  const ragSummary = definition.workstreams.map((w, index) => {
    const counts = { green: 0, amber: 0, red: 0, notReported: 0, worse: 0, better: 0 };
    for (const row of grid) {
      const cell = row.cells[index];
      if (cell.rag) counts[cell.rag]++;
      else counts.notReported++;
      if (cell.change) counts[cell.change as 'worse' | 'better']++;
    }
    return { workstream: w, ...counts };
  });

  // Indicators: totals across the sites in view, per round, against the target for the sites that submitted.
  const totalsByRound = new Map<string, Map<string, { total: number; sites: number }>>();
  for (const row of totals) {
    const entry = totalsByRound.get(row.round_id) ?? new Map<string, { total: number; sites: number }>();
    entry.set(row.key, { total: Number(row.total), sites: Number(row.sites) });
    totalsByRound.set(row.round_id, entry);
  }
  const indicators = definition.indicators.map((indicator) => {
    const series = trendRounds.map((r) => {
      const figure = totalsByRound.get(r.id)?.get(indicator.key);
      return {
        round: r,
        value: figure ? figure.total : null,
        sites: figure?.sites ?? 0,
        target: indicator.target !== null && figure ? indicator.target * figure.sites : null,
      };
    });
    const latest = series.find((p) => p.round.id === round.id);
    const isAverage = indicator.aggregation === 'average';
    const shown = (p?: { value: number | null; sites: number }) =>
      p && p.value !== null ? (isAverage ? Math.round(p.value / Math.max(1, p.sites)) : p.value) : null;
    const target = isAverage ? indicator.target : (latest?.target ?? null);
    const value = shown(latest);
    const lowerIsBetter = indicator.better === 'lower';
    const onTrack = value === null || target === null ? null : lowerIsBetter ? value <= target : value >= target;
    return {
      indicator,
      value,
      sites: latest?.sites ?? 0,
      target,
      isAverage,
      lowerIsBetter,
      onTrack,
      percentOfTarget: value !== null && target ? Math.round((value / target) * 100) : null,
      targetNote: targetNote(value, target, lowerIsBetter, indicator.unit),
      series: series.map((p) => ({ label: `Round ${p.round.number}`, title: p.round.title, value: shown(p), target: isAverage ? indicator.target : p.target })),
      chart: sparkline(
        series.map((p) => ({ label: p.round.title, value: shown(p), target: isAverage ? indicator.target : p.target })),
        `${indicator.name}: ${isAverage ? 'average per site' : 'total'} by round, ${series.length} rounds`,
      ),
    };
  });

  // Totals by hub and by region for this round.
  const redSites = new Set(grid.filter((row) => row.cells.some((cell) => cell.rag === 'red')).map((row) => row.site.id));
  const byGroup = (key: (site: Site) => string, id: (site: Site) => string | null = () => null) => {
    const groups = new Map<
      string,
      { name: string; id: string | null; sites: number; submitted: number; withRed: number; values: Record<string, number>; counts: Record<string, number> }
    >();
    for (const site of sites) {
      const name = key(site) || 'None';
      const group = groups.get(name) ?? { name, id: id(site), sites: 0, submitted: 0, withRed: 0, values: {}, counts: {} };
      group.sites++;
      if (redSites.has(site.id)) group.withRed++;
      const mine = thisRound.get(site.id);
      if (mine) {
        group.submitted++;
        for (const indicator of definition.indicators) {
          const value = mine.indicators?.[indicator.key];
          if (typeof value === 'number') {
            group.values[indicator.key] = (group.values[indicator.key] ?? 0) + value;
            group.counts[indicator.key] = (group.counts[indicator.key] ?? 0) + 1;
          }
        }
      }
      groups.set(name, group);
    }
    for (const group of groups.values()) {
      for (const indicator of definition.indicators) {
        if (indicator.aggregation === 'average' && group.counts[indicator.key])
          group.values[indicator.key] = Math.round(group.values[indicator.key] / group.counts[indicator.key]);
      }
    }
    return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  };

  // Milestone slippage: the date met (or now forecast) against the plan.
  const milestones = definition.milestones.map((m) => {
    const entries = sites
      .map((site) => {
        const answer = thisRound.get(site.id)?.milestones?.[m.key];
        if (!answer) return undefined;
        const date = answer.actualOn || answer.forecastOn;
        const met = Boolean(answer.actualOn);
        const overdueUnmet = !met && !answer.forecastOn && m.plannedOn < round.periodEnd;
        return {
          site,
          met,
          date,
          slipDays: date ? daysBetween(m.plannedOn, date) : overdueUnmet ? daysBetween(m.plannedOn, round.periodEnd) : 0,
          note: answer.note,
        };
      })
      .filter((e): e is NonNullable<typeof e> => e !== undefined);
    const slipped = entries.filter((e) => e.slipDays > 0).sort((a, b) => b.slipDays - a.slipDays);
    return { milestone: m, met: entries.filter((e) => e.met).length, reported: entries.length, slipped, onTime: entries.length - slipped.length };
  });

  const trackerInView = tracker.rows.filter((row) => siteIds.has(row.site.id));
  const completeness = { submitted: 0, draft: 0, returned: 0, late: 0, missing: 0 };
  for (const row of trackerInView) {
    if (row.state === 'submitted' || row.state === 'submitted_late') completeness.submitted++;
    else completeness[row.state]++;
  }

  return {
    ...base,
    empty: false as const,
    previous,
    definition,
    grid,
    ragSummary,
    indicators,
    byHub: byGroup(
      (s) => s.hub,
      (s) => s.hubId,
    ),
    sitesWithRed: redSites.size,
    offTarget: indicators.filter((i) => i.onTrack === false),
    byRegion: byGroup((s) => s.region),
    milestones,
    completeness,
    total: trackerInView.length,
  };
}

export type Dashboard = Awaited<ReturnType<typeof buildDashboard>>;

/** The dashboard's figures as a workbook: RAG grid, indicators by site, totals by hub, trend and milestones. */
export async function dashboardWorkbook(dashboard: Dashboard & { empty: false }, programmeName: string): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Bridgework';
  const { definition, round } = dashboard;
  const heading = (sheet: ExcelJS.Worksheet, columns: Array<{ header: string; width: number }>) => {
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const rag = workbook.addWorksheet('RAG');
  heading(rag, [
    { header: 'Site', width: 36 },
    { header: 'Hub', width: 34 },
    { header: 'Region', width: 22 },
    ...definition.workstreams.map((w) => ({ header: w.name, width: 18 })),
  ]);
  for (const row of dashboard.grid)
    rag.addRow([row.site.name, row.site.hub, row.site.region, ...row.cells.map((c) => (c.rag ? ragLabels[c.rag] : row.submitted ? '' : 'Not submitted'))]);

  const bySite = workbook.addWorksheet('Indicators by site');
  heading(bySite, [
    { header: 'Site', width: 36 },
    { header: 'Hub', width: 34 },
    ...definition.indicators.map((i) => ({ header: `${i.name} (${i.unit})`, width: 18 })),
  ]);
  for (const row of dashboard.grid) {
    if (!row.submitted) continue;
    bySite.addRow([row.site.name, row.site.hub, ...definition.indicators.map((i) => row.indicators[i.key] ?? null)]);
  }
  const hubSheet = workbook.addWorksheet('Totals by hub');
  heading(hubSheet, [
    { header: 'Hub', width: 36 },
    { header: 'Sites', width: 8 },
    { header: 'Submitted', width: 11 },
    ...definition.indicators.map((i) => ({ header: i.name, width: 16 })),
  ]);
  for (const group of dashboard.byHub)
    hubSheet.addRow([group.name, group.sites, group.submitted, ...definition.indicators.map((i) => group.values[i.key] ?? null)]);
  const regionSheet = workbook.addWorksheet('Totals by region');
  heading(regionSheet, [
    { header: 'Region', width: 28 },
    { header: 'Sites', width: 8 },
    { header: 'Submitted', width: 11 },
    ...definition.indicators.map((i) => ({ header: i.name, width: 16 })),
  ]);
  for (const group of dashboard.byRegion)
    regionSheet.addRow([group.name, group.sites, group.submitted, ...definition.indicators.map((i) => group.values[i.key] ?? null)]);

  const trend = workbook.addWorksheet('Trend');
  heading(trend, [
    { header: 'Round', width: 10 },
    { header: 'Period', width: 20 },
    ...dashboard.indicators.flatMap((i) => [
      { header: i.indicator.name, width: 16 },
      { header: `${i.indicator.name} target`, width: 16 },
    ]),
  ]);
  const roundsShown = dashboard.indicators[0]?.series ?? [];
  roundsShown.forEach((point, index) => {
    trend.addRow([point.label.replace('Round ', ''), point.title, ...dashboard.indicators.flatMap((i) => [i.series[index].value, i.series[index].target])]);
  });

  const milestoneSheet = workbook.addWorksheet('Milestones');
  heading(milestoneSheet, [
    { header: 'Milestone', width: 44 },
    { header: 'Planned', width: 12 },
    { header: 'Site', width: 36 },
    { header: 'Met', width: 8 },
    { header: 'Date met or forecast', width: 20 },
    { header: 'Days late', width: 10 },
    { header: 'Note', width: 50 },
  ]);
  for (const m of dashboard.milestones)
    for (const slip of m.slipped)
      milestoneSheet.addRow([m.milestone.name, m.milestone.plannedOn, slip.site.name, slip.met ? 'Yes' : 'No', slip.date, slip.slipDays, slip.note]);

  const about = workbook.addWorksheet('About');
  about.addRows([
    ['Programme', programmeName],
    ['Round', `${round.number}: ${round.title}`],
    ['Filters', [dashboard.filters.region, dashboard.hubs.find((h) => h.id === dashboard.filters.hubId)?.name].filter(Boolean).join(', ') || 'All sites'],
    ['Returns submitted', `${dashboard.completeness.submitted} of ${dashboard.total}`],
    ['Exported', formatDateTime(new Date())],
  ]);
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One site across rounds: RAG per workstream, indicators with trends, milestones, narrative. */
export async function siteHistory(db: Executor, workspaceId: string, programmeId: string, site: Site, options: { includeDrafts: boolean }) {
  const rounds = await roundsOf(db, workspaceId, programmeId);
  const returns = await db
    .select()
    .from(checkpointReturns)
    .where(
      and(
        eq(checkpointReturns.workspaceId, workspaceId),
        eq(checkpointReturns.siteId, site.id),
        options.includeDrafts ? undefined : eq(checkpointReturns.status, 'submitted'),
      ),
    );
  const byRound = new Map(returns.map((r) => [r.roundId, r]));
  const definitions = await definitionsOf(db, workspaceId, [...new Set(rounds.map((r) => r.templateId))]);
  const latestRound = [...rounds].reverse().find((r) => byRound.has(r.id));
  const definition = latestRound ? definitions.get(latestRound.templateId)! : rounds.length ? definitions.get(rounds.at(-1)!.templateId)! : undefined;
  const shown = rounds.filter((r: Round) => byRound.has(r.id) || r.status !== 'upcoming');
  return {
    definition,
    rounds: shown.map((round) => ({ round, ret: byRound.get(round.id) })),
    indicators: (definition?.indicators ?? []).map((indicator) => {
      const series = shown.map((round) => {
        const ret = byRound.get(round.id);
        const value = ret?.status === 'submitted' ? ret.content.indicators[indicator.key] : null;
        return { label: round.title, value: typeof value === 'number' ? value : null, target: indicator.target };
      });
      return { indicator, series, chart: sparkline(series, `${indicator.name} for ${site.name} by round`) };
    }),
    latest: latestRound ? byRound.get(latestRound.id) : undefined,
    latestRound,
  };
}
