import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { formatDate, formatLongDate, formatTime } from '../../core/views/format.ts';
import { labelSets } from '../../core/views/labels.ts';
import { participantAgenda } from '../programmes/agenda.ts';
import type { TaskGroup } from './tasks.ts';

/** Surveys sent to this person that are open and not yet answered. */
function surveysWaiting(db: Executor, workspaceId: string, personId: string) {
  return rows<{ id: string; programmeId: string; programmeName: string; title: string; closesOn: string | null }>(
    db,
    sql`select s.id, s.programme_id as "programmeId", p.name as "programmeName", s.title, s.closes_on as "closesOn"
        from survey_invitations i
        join surveys s on s.workspace_id = i.workspace_id and s.id = i.survey_id
        join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
        where i.workspace_id = ${workspaceId} and i.person_id = ${personId} and i.responded_at is null and s.status = 'open'
        order by s.closes_on nulls last, s.title`,
  );
}

const dueText = (on: string | null, today: string) =>
  on === null ? undefined : on < today ? `Was due ${formatDate(on)}` : on === today ? 'Due today' : `Due ${formatDate(on)}`;

/**
 * A participant's part of the home page: what is waiting for them (feedback,
 * surveys, the intake, actions on their challenge), what is coming up, their
 * requests for support and the reading for the month ahead.
 */
export async function participantHome(db: Executor, workspaceId: string, personId: string) {
  const today = londonToday();
  const [agenda, surveys] = await Promise.all([participantAgenda(db, workspaceId, personId), surveysWaiting(db, workspaceId, personId)]);
  // Site leads and the department are members of a delivery programme too; their part of the home is their sites' or the dashboard's.
  const programmes = agenda.programmes.filter((p) => p.role === 'participant' && p.kind === 'cohort_learning');
  if (!programmes.length) return undefined;
  const soon = addDays(today, 7);
  const waiting: TaskGroup = {
    heading: 'Waiting for you',
    empty:
      'Nothing is waiting for you. Feedback after a session, surveys, your needs intake and actions on your policy challenge appear here when they are due.',
    tasks: [
      ...programmes
        .filter((p) => !p.intakeDone && !p.finished)
        .map((p) => ({
          text: 'Tell the team what you need to learn',
          href: `/programmes/${p.id}/intake`,
          detail:
            p.startsOn > today ? `${p.name} · before it starts on ${formatDate(p.startsOn)}` : `${p.name} · your answers shape the sessions still to come`,
          state: { text: 'To do', tone: 'due' as const },
        })),
      ...agenda.feedbackDue.map((s) => ({
        text: `Give feedback on “${s.title}”`,
        href: `/programmes/${s.programmeId}/sessions/${s.id}/feedback`,
        detail: `You attended on ${formatDate(s.startsAt)}. It takes two minutes.`,
        state: { text: 'To do', tone: 'due' as const },
      })),
      ...surveys.map((s) => ({
        text: `Answer the survey “${s.title}”`,
        href: `/programmes/${s.programmeId}/evaluation/surveys/${s.id}/answer`,
        detail: s.closesOn ? `${s.programmeName} · closes ${formatDate(s.closesOn)}` : s.programmeName,
        state: s.closesOn && s.closesOn <= soon ? { text: 'Closing soon', tone: 'urgent' as const } : { text: 'To do', tone: 'due' as const },
      })),
      ...agenda.openActions.map((a) => ({
        text: a.text.length > 110 ? `${a.text.slice(0, 107).trimEnd()}…` : a.text,
        href: `/programmes/${a.programmeId}/challenge#log`,
        detail: ['An action on your policy challenge', dueText(a.dueOn, today)].filter(Boolean).join(' · '),
        state: a.dueOn && a.dueOn < today ? { text: 'Overdue', tone: 'urgent' as const } : undefined,
      })),
    ],
  };
  const comingUp: TaskGroup = {
    heading: 'Coming up',
    empty: 'No sessions or visits are planned for you yet. When the team plans one, it appears here with its date and place.',
    tasks: agenda.nextSessions.map((s) => ({
      text: s.title,
      href: `/programmes/${s.programmeId}/sessions/${s.id}`,
      detail: [`${formatLongDate(s.startsAt)}, ${formatTime(s.startsAt)}`, labelSets.sessionKind[s.kind] ?? s.kind, s.place].filter(Boolean).join(' · '),
    })),
  };
  const requests: TaskGroup = {
    heading: 'Your requests for support',
    empty: 'You have no open requests. Ask the programme team for help from a programme’s “Support” page.',
    tasks: agenda.openRequests.map((r) => ({
      text: r.subject,
      href: `/programmes/${r.programmeId}/requests#request-${r.id}`,
      state: { text: labelSets.supportRequestStatus[r.status] ?? r.status, tone: 'info' as const },
    })),
  };
  const reading: TaskGroup = {
    heading: 'Reading for the coming month',
    empty: 'No reading is set for sessions in the next month.',
    tasks: agenda.reading.map((r) => ({ text: r.title, href: `/evidence/${r.id}`, detail: `For “${r.sessionTitle}” on ${formatDate(r.startsAt)}` })),
  };
  return {
    programmes: programmes.map((p) => ({
      id: p.id,
      name: p.name,
      detail: p.finished
        ? `Finished on ${formatDate(p.endsOn)}`
        : p.startsOn > today
          ? `Starts on ${formatDate(p.startsOn)}`
          : `Runs until ${formatDate(p.endsOn)}`,
      challengeHref: `/programmes/${p.id}/challenge`,
    })),
    groups: [waiting, comingUp, requests, ...(reading.tasks.length ? [reading] : [])],
  };
}
