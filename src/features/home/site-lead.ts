import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { londonToday } from '../../core/dates.ts';
import { formatDate } from '../../core/views/format.ts';
import { trackerStateLabels } from '../../core/views/labels.ts';
import { trackerState, type TrackerState } from '../delivery/rounds/queries.ts';
import type { ReturnStatus } from '../delivery/tables.ts';
import { limited, type ProgrammePanel, type TaskTone } from './tasks.ts';

const toneOf: Record<TrackerState, TaskTone> = { late: 'urgent', returned: 'urgent', missing: 'due', draft: 'due', submitted: 'done', submitted_late: 'done' };

/** Every return of this person's sites in open rounds, and any sent back for correction in any round. */
function returnsToDo(db: Executor, workspaceId: string, personId: string) {
  return rows<{
    programmeId: string;
    programmeName: string;
    siteId: string;
    siteName: string;
    roundId: string;
    number: number;
    title: string;
    dueOn: string;
    roundStatus: string;
    status: ReturnStatus | null;
    submittedAt: Date | null;
    returnedReason: string | null;
  }>(
    db,
    sql`select p.id as "programmeId", p.name as "programmeName", s.id as "siteId", o.name as "siteName",
          rd.id as "roundId", rd.number, rd.title, rd.due_on as "dueOn", rd.status as "roundStatus",
          r.status, r.submitted_at as "submittedAt", r.returned_reason as "returnedReason"
        from delivery_site_contacts c
        join delivery_sites s on s.workspace_id = c.workspace_id and s.id = c.site_id
        join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
        join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
        join checkpoint_rounds rd on rd.workspace_id = s.workspace_id and rd.programme_id = s.programme_id
        left join checkpoint_returns r on r.workspace_id = s.workspace_id and r.round_id = rd.id and r.site_id = s.id
        where c.workspace_id = ${workspaceId} and c.person_id = ${personId}
          and (rd.status = 'open' or r.status = 'returned')
        order by p.name, rd.number desc, o.name`,
  );
}

/** The latest shared briefing and the department's latest answers in each programme this person is a site contact for. */
function programmeNews(db: Executor, workspaceId: string, programmeIds: string[]) {
  const ids = sql.join(
    programmeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return Promise.all([
    rows<{ programmeId: string; number: number; title: string; headline: string; updatedAt: Date }>(
      db,
      sql`select distinct on (b.programme_id) b.programme_id as "programmeId", rd.number, rd.title, b.headline, b.updated_at as "updatedAt"
          from checkpoint_briefings b join checkpoint_rounds rd on rd.workspace_id = b.workspace_id and rd.id = b.round_id
          where b.workspace_id = ${workspaceId} and b.programme_id in (${ids}) and b.status = 'shared'
          order by b.programme_id, rd.number desc`,
    ),
    rows<{ programmeId: string; theme: string; response: string; createdAt: Date }>(
      db,
      sql`select x.programme_id as "programmeId", t.name as theme, x.response, x.created_at as "createdAt"
          from (select r.*, row_number() over (partition by r.programme_id order by r.created_at desc) as n
                from delivery_theme_responses r where r.workspace_id = ${workspaceId} and r.programme_id in (${ids})) x
          join delivery_themes t on t.workspace_id = x.workspace_id and t.id = x.theme_id
          where x.n <= 3 order by x.created_at desc`,
    ),
  ]);
}

/**
 * A site lead's or contact's part of the home page, per delivery programme:
 * the open round's return for each of their sites with its state and due date,
 * returns sent back for correction, the latest shared briefing and what the
 * department has done about what sites said.
 */
export async function siteLeadPanels(db: Executor, workspaceId: string, personId: string): Promise<ProgrammePanel[]> {
  const today = londonToday();
  const found = await returnsToDo(db, workspaceId, personId);
  const sites = await rows<{ programmeId: string; programmeName: string; sites: number }>(
    db,
    sql`select p.id as "programmeId", p.name as "programmeName", count(distinct s.id)::int as sites
        from delivery_site_contacts c
        join delivery_sites s on s.workspace_id = c.workspace_id and s.id = c.site_id
        join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
        where c.workspace_id = ${workspaceId} and c.person_id = ${personId}
        group by p.id, p.name order by p.name`,
  );
  if (!sites.length) return [];
  const [briefings, responses] = await programmeNews(
    db,
    workspaceId,
    sites.map((s) => s.programmeId),
  );
  return sites.map(({ programmeId, programmeName, sites: siteCount }) => {
    const mine = found.filter((r) => r.programmeId === programmeId);
    const returns = mine
      .map((r) => ({ ...r, state: trackerState(r, r.status ? { status: r.status, submittedAt: r.submittedAt && new Date(r.submittedAt) } : undefined, today) }))
      // Returns still to send come first, the latest round first; submitted ones stay for reassurance.
      .sort((a, b) => Number(toneOf[a.state] === 'done') - Number(toneOf[b.state] === 'done') || b.number - a.number || a.siteName.localeCompare(b.siteName));
    const briefing = briefings.find((b) => b.programmeId === programmeId);
    const said = responses.filter((r) => r.programmeId === programmeId);
    const base = `/programmes/${programmeId}`;
    return {
      programme: { id: programmeId, name: programmeName },
      href: `${base}/delivery`,
      caption: siteCount === 1 ? 'You send the checkpoint return for one site' : `You send the checkpoint returns for ${siteCount} sites`,
      groups: [
        limited(
          {
            heading: 'Checkpoint returns',
            empty: 'No round is open. When the next round opens, each of your sites’ returns appears here with its due date.',
            tasks: returns.map((r) => ({
              text: `${r.siteName}: ${r.title}`,
              href: `${base}/delivery/rounds/${r.number}/sites/${r.siteId}`,
              detail:
                r.state === 'returned'
                  ? `Sent back for correction${r.returnedReason ? `: ${r.returnedReason}` : ''}`
                  : r.state === 'submitted' || r.state === 'submitted_late'
                    ? `Sent on ${formatDate(r.submittedAt)}`
                    : `Due ${formatDate(r.dueOn)}`,
              state: { text: trackerStateLabels[r.state], tone: toneOf[r.state] },
            })),
          },
          8,
          { text: 'All your returns', href: `${base}/delivery/returns` },
        ),
        {
          heading: 'Latest briefing',
          empty: 'No briefing has been shared yet. After each checkpoint meeting the team shares one here.',
          tasks: briefing
            ? [
                {
                  text: `Checkpoint briefing: ${briefing.title}`,
                  href: `${base}/delivery/briefings/${briefing.number}`,
                  detail: briefing.headline || undefined,
                },
              ]
            : [],
        },
        {
          heading: 'You said, we did',
          empty: 'The department has not yet answered a theme from the returns. Its answers appear here.',
          tasks: said.map((r) => ({ text: r.response, href: `${base}/changes`, detail: `On “${r.theme}”, ${formatDate(r.createdAt)}` })),
        },
      ],
    };
  });
}
