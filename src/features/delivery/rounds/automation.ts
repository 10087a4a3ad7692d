import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../../core/db/client.ts';
import { workspaces } from '../../../core/db/tables.ts';
import type { Actor } from '../../../core/audit.ts';
import { countOf } from '../../../core/views/labels.ts';
import { addDays, londonToday } from '../../../core/dates.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { operatorMember } from '../../../core/operations.ts';
import { programmes } from '../../programmes/tables.ts';
import { operatorAccess } from '../policy.ts';
import { openRound } from './open-round.ts';
import type { Round } from './queries.ts';
import { remindRound } from './remind-round.ts';
import type { RoundMailDeps } from './round-mail.ts';
import { checkpointRounds, roundAutomation, roundReminders, type AutomaticReminderKind } from '../tables.ts';

export interface RoundAutomation {
  openWhenPeriodEnds: boolean;
  remindDaysBefore: number | null;
  chaseDaysAfter: number | null;
}

export const noAutomation: RoundAutomation = { openWhenPeriodEnds: false, remindDaysBefore: null, chaseDaysAfter: null };

/** Up to two months either side of the due date: longer would fall into the next monthly round. */
export const MAX_REMINDER_DAYS = 60;

export async function roundAutomationOf(db: Executor, workspaceId: string, programmeId: string): Promise<RoundAutomation> {
  const [row] = await db
    .select({
      openWhenPeriodEnds: roundAutomation.openWhenPeriodEnds,
      remindDaysBefore: roundAutomation.remindDaysBefore,
      chaseDaysAfter: roundAutomation.chaseDaysAfter,
    })
    .from(roundAutomation)
    .where(and(eq(roundAutomation.workspaceId, workspaceId), eq(roundAutomation.programmeId, programmeId)));
  return row ?? noAutomation;
}

/** Whether Bridgework sends nothing on its own for the programme. */
export const automationIsOff = (settings: RoundAutomation) => !settings.openWhenPeriodEnds && !settings.remindDaysBefore && !settings.chaseDaysAfter;

/** How the settings read in a sentence, for the audit log and the rounds page. */
export function describeAutomation(settings: RoundAutomation): string {
  const parts = [
    settings.openWhenPeriodEnds ? 'open each round the day after its period ends' : '',
    settings.remindDaysBefore ? `remind ${countOf(settings.remindDaysBefore, 'day')} before the due date` : '',
    settings.chaseDaysAfter ? `chase late returns ${countOf(settings.chaseDaysAfter, 'day')} after it` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing automatic';
}

/** The automatic reminders a round has had, by kind. */
export async function remindersOf(db: Executor, workspaceId: string, roundId: string) {
  const rows = await db
    .select({ kind: roundReminders.kind, sentAt: roundReminders.sentAt, peopleMailed: roundReminders.peopleMailed })
    .from(roundReminders)
    .where(and(eq(roundReminders.workspaceId, workspaceId), eq(roundReminders.roundId, roundId)));
  return Object.fromEntries(rows.map((row) => [row.kind, row])) as Partial<Record<AutomaticReminderKind, { sentAt: Date; peopleMailed: number }>>;
}

/** What is due for one round today under its programme's settings. */
export function dueAction(
  round: Pick<Round, 'status' | 'periodEnd' | 'dueOn' | 'openedAt'>,
  settings: RoundAutomation,
  sent: ReadonlySet<AutomaticReminderKind>,
  today: string,
): 'open' | AutomaticReminderKind | null {
  // Up to the due date: a round scheduled for a period long past is the facilitator's to open.
  if (round.status === 'upcoming') return settings.openWhenPeriodEnds && today > round.periodEnd && today <= round.dueOn ? 'open' : null;
  if (round.status !== 'open') return null;
  // A reminder the day a round opened would follow its opening e-mail within hours; it waits a day.
  const openedToday = round.openedAt !== null && londonToday(round.openedAt) >= today;
  if (settings.chaseDaysAfter && !sent.has('after_due') && !openedToday && today >= addDays(round.dueOn, settings.chaseDaysAfter)) return 'after_due';
  if (
    settings.remindDaysBefore &&
    !sent.has('before_due') &&
    !sent.has('after_due') &&
    !openedToday &&
    today >= addDays(round.dueOn, -settings.remindDaysBefore) &&
    today <= round.dueOn
  )
    return 'before_due';
  return null;
}

const automaticActor: Actor = { accountId: null, name: 'Bridgework (on the programme’s schedule)' };

export interface AutomationRun {
  opened: number;
  reminded: number;
  chased: number;
  peopleMailed: number;
}

/**
 * Carry out what every programme's round settings ask for today, across all
 * workspaces. The server runs it every hour; each step claims its round first
 * (a conditional update, or a reminder row with a primary key), so several
 * server processes running it at once send each e-mail once.
 */
export async function runRoundAutomation(db: Db, deps: RoundMailDeps, today = londonToday()): Promise<AutomationRun> {
  const result: AutomationRun = { opened: 0, reminded: 0, chased: 0, peopleMailed: 0 };
  const candidates = await db
    .select({
      round: checkpointRounds,
      programme: programmes,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample },
      settings: {
        openWhenPeriodEnds: roundAutomation.openWhenPeriodEnds,
        remindDaysBefore: roundAutomation.remindDaysBefore,
        chaseDaysAfter: roundAutomation.chaseDaysAfter,
      },
    })
    .from(checkpointRounds)
    .innerJoin(
      roundAutomation,
      and(eq(roundAutomation.programmeId, checkpointRounds.programmeId), eq(roundAutomation.workspaceId, checkpointRounds.workspaceId)),
    )
    .innerJoin(programmes, and(eq(programmes.id, checkpointRounds.programmeId), eq(programmes.workspaceId, checkpointRounds.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, checkpointRounds.workspaceId))
    .where(inArray(checkpointRounds.status, ['upcoming', 'open']))
    .orderBy(asc(checkpointRounds.workspaceId), asc(checkpointRounds.programmeId), asc(checkpointRounds.number));
  if (!candidates.length) return result;
  const sentRows = await db
    .select({ roundId: roundReminders.roundId, kind: roundReminders.kind })
    .from(roundReminders)
    .where(
      and(
        inArray(roundReminders.workspaceId, [...new Set(candidates.map((c) => c.workspace.id))]),
        inArray(
          roundReminders.roundId,
          candidates.map((c) => c.round.id),
        ),
      ),
    );
  const sentByRound = new Map<string, Set<AutomaticReminderKind>>();
  for (const row of sentRows) sentByRound.set(row.roundId, (sentByRound.get(row.roundId) ?? new Set()).add(row.kind));

  for (const { round, programme, workspace, settings } of candidates) {
    const action = dueAction(round, settings, sentByRound.get(round.id) ?? new Set(), today);
    if (!action) continue;
    const ctx = { workspace, member: operatorMember, actor: automaticActor };
    if (action === 'open') {
      // Claimed by the conditional update inside openRound: another process that got there first makes it refuse.
      try {
        result.peopleMailed += await openRound(db, deps, ctx, operatorAccess, programme, round, ', as its period had ended');
        result.opened++;
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
      }
      continue;
    }
    const [claimed] = await db
      .insert(roundReminders)
      .values({ workspaceId: workspace.id, roundId: round.id, kind: action })
      .onConflictDoNothing()
      .returning({ roundId: roundReminders.roundId });
    if (!claimed) continue;
    const how =
      action === 'before_due'
        ? `, automatically ${countOf(settings.remindDaysBefore!, 'day')} before the due date`
        : `, automatically ${countOf(settings.chaseDaysAfter!, 'day')} after the due date`;
    let mailed: number;
    try {
      mailed = await remindRound(db, deps, ctx, operatorAccess, programme, round, how);
    } catch (error) {
      // Nothing was sent, or the database failed part-way: give the claim back so the next run tries again.
      await db
        .delete(roundReminders)
        .where(and(eq(roundReminders.workspaceId, workspace.id), eq(roundReminders.roundId, round.id), eq(roundReminders.kind, action)));
      throw error;
    }
    await db
      .update(roundReminders)
      .set({ peopleMailed: mailed })
      .where(and(eq(roundReminders.workspaceId, workspace.id), eq(roundReminders.roundId, round.id), eq(roundReminders.kind, action)));
    result.peopleMailed += mailed;
    if (action === 'before_due') result.reminded++;
    else result.chased++;
  }
  return result;
}
