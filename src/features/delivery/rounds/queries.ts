import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { londonToday } from '../../../core/dates.ts';
import { sitesOf, type Site } from '../sites/queries.ts';
import { checkpointReturns, checkpointRounds, deliverySites, type ReturnStatus } from '../tables.ts';

export type Round = typeof checkpointRounds.$inferSelect;

export async function roundsOf(db: Executor, workspaceId: string, programmeId: string): Promise<Round[]> {
  return db
    .select()
    .from(checkpointRounds)
    .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.programmeId, programmeId)))
    .orderBy(asc(checkpointRounds.number));
}

export async function findRound(db: Executor, workspaceId: string, programmeId: string, number: number): Promise<Round | undefined> {
  if (!Number.isInteger(number) || number < 1 || number > 100000) return undefined;
  const [row] = await db
    .select()
    .from(checkpointRounds)
    .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.programmeId, programmeId), eq(checkpointRounds.number, number)));
  return row;
}

const monthName = (date: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(new Date(`${date}T00:00:00Z`));

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

/** A period's name as people say it: "April 2026", or "April to June 2026" for a quarter. */
export function periodTitle(start: string, end: string): string {
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  if (sameMonth) return monthName(start, { month: 'long', year: 'numeric' });
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${monthName(start, sameYear ? { month: 'long' } : { month: 'long', year: 'numeric' })} to ${monthName(end, { month: 'long', year: 'numeric' })}`;
}

export type TrackerState = 'submitted' | 'submitted_late' | 'draft' | 'returned' | 'late' | 'missing';

export interface TrackerRow {
  site: Site;
  state: TrackerState;
  status: ReturnStatus | null;
  submittedAt: Date | null;
  updatedAt: Date | null;
}

/** Where one site's return stands in a round. Anything unsubmitted past the due date is late. */
export function trackerState(
  round: Pick<Round, 'dueOn'>,
  found: { status: ReturnStatus; submittedAt: Date | null } | undefined,
  today = londonToday(),
): TrackerState {
  if (found?.status === 'submitted') return found.submittedAt && londonToday(found.submittedAt) > round.dueOn ? 'submitted_late' : 'submitted';
  if (found?.status === 'returned') return 'returned';
  if (today > round.dueOn) return 'late';
  return found ? 'draft' : 'missing';
}

/** Where every site stands for one round; pass the programme's sites when they are already loaded. */
export async function roundTracker(db: Executor, workspaceId: string, programmeId: string, round: Round, options: { sites?: Site[]; today?: string } = {}) {
  const [sites, returns] = await Promise.all([
    options.sites ?? sitesOf(db, workspaceId, programmeId),
    db
      .select({
        siteId: checkpointReturns.siteId,
        status: checkpointReturns.status,
        submittedAt: checkpointReturns.submittedAt,
        updatedAt: checkpointReturns.updatedAt,
      })
      .from(checkpointReturns)
      .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.roundId, round.id))),
  ]);
  const bySite = new Map(returns.map((r) => [r.siteId, r]));
  const rows: TrackerRow[] = sites.map((site) => {
    const found = bySite.get(site.id);
    return {
      site,
      state: trackerState(round, found, options.today),
      status: found?.status ?? null,
      submittedAt: found?.submittedAt ?? null,
      updatedAt: found?.updatedAt ?? null,
    };
  });
  const counts = { submitted: 0, draft: 0, returned: 0, late: 0, missing: 0 };
  for (const row of rows) counts[row.state === 'submitted_late' ? 'submitted' : row.state]++;
  return { rows, counts, total: rows.length };
}

/** Submission counts for every round at once, for the rounds list. */
export async function submissionCounts(db: Executor, workspaceId: string, programmeId: string) {
  const rows = await db
    .select({ roundId: checkpointReturns.roundId, status: checkpointReturns.status })
    .from(checkpointReturns)
    .innerJoin(deliverySites, and(eq(deliverySites.workspaceId, checkpointReturns.workspaceId), eq(deliverySites.id, checkpointReturns.siteId)))
    .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.programmeId, programmeId)));
  const counts = new Map<string, { submitted: number; draft: number }>();
  for (const row of rows) {
    const entry = counts.get(row.roundId) ?? { submitted: 0, draft: 0 };
    if (row.status === 'submitted') entry.submitted++;
    else entry.draft++;
    counts.set(row.roundId, entry);
  }
  return counts;
}
