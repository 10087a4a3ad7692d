import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { countOf, formatDate, formatNumber, formatPercent } from '../../core/views/format.ts';
import { buildDashboard } from '../delivery/dashboard/dashboard.ts';
import { themeCounts } from '../delivery/themes/queries.ts';
import type { ProgrammePanel } from './tasks.ts';

/** Delivery programmes this department person belongs to. */
function departmentProgrammes(db: Executor, workspaceId: string, personId: string) {
  return rows<{ id: string; name: string }>(
    db,
    sql`select p.id, p.name from programmes p
        join cohort_members m on m.workspace_id = p.workspace_id and m.programme_id = p.id and m.person_id = ${personId}
        join people pe on pe.workspace_id = m.workspace_id and pe.id = m.person_id
        join organisations o on o.workspace_id = pe.workspace_id and o.id = pe.organisation_id and o.kind = 'department'
        where p.workspace_id = ${workspaceId} and p.kind = 'delivery_support'
        order by p.name`,
  );
}

/**
 * A department lead's part of the home page, per delivery programme: the
 * dashboard's headline for the latest round (how complete, how many sites
 * report red, which indicators are off target), the latest briefing, and the
 * themes coming up most in the latest round.
 */
export async function departmentPanels(db: Executor, workspaceId: string, personId: string): Promise<ProgrammePanel[]> {
  const list = await departmentProgrammes(db, workspaceId, personId);
  return Promise.all(
    list.map(async (programme): Promise<ProgrammePanel> => {
      const base = `/programmes/${programme.id}`;
      const [dashboard, counts, themes, briefing] = await Promise.all([
        buildDashboard(db, workspaceId, programme.id, {}),
        themeCounts(db, workspaceId, programme.id),
        rows<{ id: string; name: string }>(
          db,
          sql`select id, name from delivery_themes where workspace_id = ${workspaceId} and programme_id = ${programme.id}`,
        ),
        rows<{ number: number; title: string; headline: string }>(
          db,
          sql`select rd.number, rd.title, b.headline from checkpoint_briefings b
              join checkpoint_rounds rd on rd.workspace_id = b.workspace_id and rd.id = b.round_id
              where b.workspace_id = ${workspaceId} and b.programme_id = ${programme.id} and b.status = 'shared'
              order by rd.number desc limit 1`,
        ),
      ]);
      const panel = { programme, href: `${base}/delivery/dashboard`, caption: 'You read the dashboard and answer what sites raise' };
      if (dashboard.empty) return { ...panel, headline: ['No checkpoint round has been set up yet.'], groups: [] };
      const { round, completeness, total, grid, indicators } = dashboard;
      const sitesWithRed = grid.filter((row) => row.cells.some((cell) => cell.rag === 'red')).length;
      const offTarget = indicators.filter((i) => i.onTrack === false);
      const latestThemes = counts
        .filter((c) => c.round === round.number)
        .reduce((totals, c) => totals.set(c.themeId, (totals.get(c.themeId) ?? 0) + c.n), new Map<string, number>());
      const topThemes = [...latestThemes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([id, n]) => ({ id, n, name: themes.find((t) => t.id === id)?.name ?? '' }));
      return {
        ...panel,
        headline: [
          `${round.title}: ${formatNumber(completeness.submitted)} of ${countOf(total, 'return')} in (${formatPercent(completeness.submitted, total)}), due ${formatDate(round.dueOn)}.`,
          sitesWithRed === 0 ? 'No site reports a red workstream.' : `${countOf(sitesWithRed, 'site reports', 'sites report')} at least one red workstream.`,
          offTarget.length === 0
            ? 'Every indicator with a target is on track.'
            : `Off target: ${offTarget.map((i) => i.indicator.name.charAt(0).toLowerCase() + i.indicator.name.slice(1)).join('; ')}.`,
        ],
        groups: [
          {
            heading: 'Latest briefing',
            empty: 'No briefing has been shared yet. The team shares one after each round closes.',
            tasks: briefing.map((b) => ({
              text: `Checkpoint briefing: ${b.title}`,
              href: `${base}/delivery/briefings/${b.number}`,
              detail: b.headline || undefined,
            })),
          },
          {
            heading: `Themes coming up in ${round.title}`,
            empty: 'No answers in this round have been coded to a theme yet.',
            tasks: topThemes.map((t) => ({
              text: t.name,
              href: `${base}/delivery/themes/${t.id}`,
              detail: `${countOf(t.n, 'answer')} this round · say what the department will do`,
            })),
          },
        ],
      };
    }),
  );
}
