import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import type { Mailer } from '../../core/mailer.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { people } from '../people/tables.ts';
import type { Programme } from '../programmes/queries.ts';
import { itemCount, latestTemplate } from './template.ts';
import { sitesOf, type Site } from './sites.ts';
import { checkpointReturns, checkpointRounds, deliverySites, siteContacts, type ReturnStatus } from './tables.ts';

export type Round = typeof checkpointRounds.$inferSelect;

export class RoundRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

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

export interface ScheduleInput {
  frequency: 'monthly' | 'quarterly';
  firstPeriodStart: string;
  count: number;
  dueDaysAfter: number;
}

/** Add rounds after the last one, each using the template as it stands now. */
export async function scheduleRounds(db: Db, ctx: WorkspaceContext, programme: Programme, input: ScheduleInput): Promise<number> {
  const workspaceId = ctx.workspace.id;
  return db.transaction(async (tx) => {
    const template = await latestTemplate(tx, workspaceId, programme.id);
    if (!template || itemCount(template.definition) === 0)
      throw new RoundRuleError('frequency', 'Set up the return template before scheduling rounds: sites need something to answer.');
    const [last] = await tx
      .select({ number: max(checkpointRounds.number) })
      .from(checkpointRounds)
      .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.programmeId, programme.id)));
    const months = input.frequency === 'monthly' ? 1 : 3;
    const rows = Array.from({ length: input.count }, (_, i) => {
      const periodStart = addMonths(input.firstPeriodStart, i * months);
      const periodEnd = addDays(addMonths(input.firstPeriodStart, (i + 1) * months), -1);
      return {
        workspaceId,
        programmeId: programme.id,
        number: (last?.number ?? 0) + i + 1,
        title: periodTitle(periodStart, periodEnd),
        periodStart,
        periodEnd,
        dueOn: addDays(periodEnd, input.dueDaysAfter),
        templateId: template.id,
      };
    });
    await tx.insert(checkpointRounds).values(rows);
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.rounds_scheduled',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Scheduled ${rows.length} ${input.frequency} checkpoint rounds from ${rows[0].title}`,
    });
    return rows.length;
  });
}

export interface RoundMailDeps {
  mailer: Mailer;
  publicUrl: string;
}

/** Who acts on a round: a facilitator, or Bridgework itself on the programme's schedule. */
export type RoundActor = Pick<WorkspaceContext, 'workspace' | 'actor'>;

/** E-mail each lead (and contact) of the given sites; a person leading several sites gets one message. */
async function mailSites(
  db: Executor,
  deps: RoundMailDeps,
  ctx: RoundActor,
  programme: Programme,
  round: Round,
  siteIds: string[],
  reminder: boolean,
): Promise<number> {
  if (!siteIds.length) return 0;
  const contacts = await db
    .select({ personId: people.id, name: people.fullName, email: people.email, siteId: siteContacts.siteId })
    .from(siteContacts)
    .innerJoin(people, eq(people.id, siteContacts.personId))
    .where(and(eq(siteContacts.workspaceId, ctx.workspace.id), inArray(siteContacts.siteId, siteIds)));
  const sites = new Map((await sitesOf(db, ctx.workspace.id, programme.id, { contacts: false })).map((s) => [s.id, s.name]));
  const byPerson = new Map<string, { name: string; email: string; sites: string[] }>();
  for (const contact of contacts) {
    if (!contact.email) continue;
    const entry = byPerson.get(contact.personId) ?? { name: contact.name, email: contact.email, sites: [] };
    entry.sites.push(sites.get(contact.siteId) ?? '');
    byPerson.set(contact.personId, entry);
  }
  const link = `${deps.publicUrl}/w/${ctx.workspace.slug}/programmes/${programme.id}/delivery/returns`;
  for (const person of byPerson.values()) {
    await deps.mailer.send({
      workspaceId: ctx.workspace.id,
      kind: reminder ? 'checkpoint_reminder' : 'checkpoint_open',
      to: person.email,
      subject: `${reminder ? 'Reminder: ' : ''}${programme.name} checkpoint return for ${round.title}`,
      text: [
        `Dear ${person.name},`,
        '',
        reminder
          ? `We have not yet had the checkpoint return for ${round.title} from ${person.sites.sort().join(', ')}. It was due on ${round.dueOn}.`
          : `The checkpoint return for ${round.title} is open for ${person.sites.sort().join(', ')}. Please submit it by ${round.dueOn}.`,
        '',
        `Fill it in online (it saves as you go) or download the Excel template from: ${link}`,
      ].join('\n'),
    });
  }
  return byPerson.size;
}

/**
 * Open a round and e-mail its sites (not when reopening a closed round). The
 * change applies only if the round is still as it was read, so two
 * facilitators pressing Open at once, or a facilitator and the schedule,
 * send one set of e-mails.
 */
export async function openRound(db: Db, deps: RoundMailDeps, ctx: RoundActor, programme: Programme, round: Round, how = ''): Promise<number> {
  if (round.status === 'open') throw new RoundRuleError('status', `${round.title} is already open.`);
  const changed = await db
    .update(checkpointRounds)
    .set({ status: 'open', openedAt: round.openedAt ?? new Date() })
    .where(and(eq(checkpointRounds.workspaceId, ctx.workspace.id), eq(checkpointRounds.id, round.id), eq(checkpointRounds.status, round.status)))
    .returning({ id: checkpointRounds.id });
  if (!changed.length)
    throw new RoundRuleError('status', `${round.title} was opened or closed by someone else a moment ago. Look at it again before going on.`);
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.round_opened',
    entityType: 'programme',
    entityId: programme.id,
    summary: `Opened checkpoint round ${round.number} (${round.title})${how}`,
  });
  if (round.status === 'closed') return 0;
  const sites = await sitesOf(db, ctx.workspace.id, programme.id, { contacts: false });
  return mailSites(
    db,
    deps,
    ctx,
    programme,
    round,
    sites.map((s) => s.id),
    false,
  );
}

export async function closeRound(db: Db, ctx: WorkspaceContext, programme: Programme, round: Round): Promise<void> {
  if (round.status !== 'open') throw new RoundRuleError('status', `${round.title} is not open.`);
  await db.update(checkpointRounds).set({ status: 'closed' }).where(eq(checkpointRounds.id, round.id));
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.round_closed',
    entityType: 'programme',
    entityId: programme.id,
    summary: `Closed checkpoint round ${round.number} (${round.title})`,
  });
}

/** Remind every site that has not submitted an open round's return; `how` says in the audit log what prompted it. */
export async function remindRound(db: Db, deps: RoundMailDeps, ctx: RoundActor, programme: Programme, round: Round, how = ''): Promise<number> {
  if (round.status !== 'open') throw new RoundRuleError('status', 'Reminders go out only while the round is open.');
  const tracker = await roundTracker(db, ctx.workspace.id, programme.id, round);
  const waiting = tracker.rows.filter((row) => row.state !== 'submitted' && row.state !== 'submitted_late').map((row) => row.site.id);
  const sent = await mailSites(db, deps, ctx, programme, round, waiting, true);
  await db
    .update(checkpointRounds)
    .set({ remindedAt: new Date() })
    .where(and(eq(checkpointRounds.workspaceId, ctx.workspace.id), eq(checkpointRounds.id, round.id)));
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.round_reminded',
    entityType: 'programme',
    entityId: programme.id,
    summary: `Reminded ${sent} people about ${waiting.length} missing returns for ${round.title}${how}`,
  });
  return sent;
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
export function trackerState(round: Round, found: { status: ReturnStatus; submittedAt: Date | null } | undefined, today = londonToday()): TrackerState {
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
    .innerJoin(deliverySites, eq(deliverySites.id, checkpointReturns.siteId))
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
