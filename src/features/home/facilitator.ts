import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { countOf, formatDate, formatHours } from '../../core/views/format.ts';
import { RECENTLY_FINISHED_DAYS } from '../programmes/agenda.ts';
import { limited, type ProgrammePanel, type Task, type TaskGroup } from './tasks.ts';

interface RunProgramme {
  id: string;
  name: string;
  kind: 'cohort_learning' | 'delivery_support';
  startsOn: string;
  endsOn: string;
}

/** Programmes this person runs: every current one for workspace staff, otherwise those where they are a facilitator. */
function programmesRun(db: Executor, workspaceId: string, personId: string, staff: boolean) {
  return rows<RunProgramme>(
    db,
    sql`select p.id, p.name, p.kind, p.starts_on as "startsOn", p.ends_on as "endsOn" from programmes p
        where p.workspace_id = ${workspaceId}
          and p.ends_on >= (now() at time zone 'Europe/London')::date - ${RECENTLY_FINISHED_DAYS}::int
          and (${staff} or exists (select 1 from cohort_members m where m.workspace_id = p.workspace_id and m.programme_id = p.id
                                   and m.person_id = ${personId} and m.role = 'facilitator'))
        order by p.ends_on < (now() at time zone 'Europe/London')::date, p.starts_on desc`,
  );
}

/** Returns not in for each open round (late or missing), and draft briefings and theme suggestions waiting. */
async function deliveryGroups(db: Executor, workspaceId: string, programme: RunProgramme, today: string): Promise<TaskGroup[]> {
  const base = `/programmes/${programme.id}/delivery`;
  const [rounds, drafts, candidates] = await Promise.all([
    rows<{ number: number; title: string; dueOn: string; sites: number; submitted: number; returned: number }>(
      db,
      sql`select rd.number, rd.title, rd.due_on as "dueOn",
            (select count(*)::int from delivery_sites s where s.workspace_id = rd.workspace_id and s.programme_id = rd.programme_id) as sites,
            (select count(*)::int from checkpoint_returns r where r.workspace_id = rd.workspace_id and r.round_id = rd.id and r.status = 'submitted') as submitted,
            (select count(*)::int from checkpoint_returns r where r.workspace_id = rd.workspace_id and r.round_id = rd.id and r.status = 'returned') as returned
          from checkpoint_rounds rd
          where rd.workspace_id = ${workspaceId} and rd.programme_id = ${programme.id} and rd.status = 'open'
          order by rd.number`,
    ),
    rows<{ number: number; title: string }>(
      db,
      sql`select rd.number, rd.title from checkpoint_briefings b join checkpoint_rounds rd on rd.workspace_id = b.workspace_id and rd.id = b.round_id
          where b.workspace_id = ${workspaceId} and b.programme_id = ${programme.id} and b.status = 'draft' order by rd.number desc`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from delivery_theme_candidates c where c.workspace_id = ${workspaceId} and c.programme_id = ${programme.id} and c.status = 'open'`,
    ),
  ]);
  const returns: Task[] = rounds.map((round) => {
    const waiting = round.sites - round.submitted;
    const late = today > round.dueOn;
    return {
      text: `${round.title}: ${countOf(waiting, 'return')} not in`,
      href: `${base}/rounds/${round.number}${late ? '?show=late' : ''}`,
      detail: `${round.submitted} of ${round.sites} submitted${round.returned ? `, ${round.returned} sent back for correction` : ''} · due ${formatDate(round.dueOn)}`,
      state: waiting === 0 ? { text: 'All in', tone: 'done' } : late ? { text: 'Late', tone: 'urgent' } : { text: 'Open', tone: 'due' },
    };
  });
  const toFinish: Task[] = [
    ...drafts.map((d) => ({
      text: `Briefing for ${d.title}`,
      href: `${base}/briefings/${d.number}`,
      detail: 'A draft: check the words and share it',
      state: { text: 'Draft', tone: 'due' as const },
    })),
    ...(candidates[0]?.n
      ? [
          {
            text: `${countOf(candidates[0].n, 'possible new theme')} to review`,
            href: `${base}/themes/emerging`,
            detail: 'Found in answers no theme covers yet',
          },
        ]
      : []),
  ];
  return [
    { heading: 'Returns', tasks: returns, empty: 'No round is open. Open the next round from the rounds page when its period ends.' },
    { heading: 'To finish', tasks: toFinish, empty: 'No draft briefings or theme suggestions are waiting.' },
  ];
}

/** Feedback from the last fortnight, support requests waiting, needs not planned for, surveys closing and drafts. */
async function cohortGroups(db: Executor, workspaceId: string, programme: RunProgramme, today: string): Promise<TaskGroup[]> {
  const base = `/programmes/${programme.id}`;
  const since = addDays(today, -14);
  const [feedback, requests, needs, surveys] = await Promise.all([
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from session_feedback f join programme_sessions s on s.workspace_id = f.workspace_id and s.id = f.session_id
          where f.workspace_id = ${workspaceId} and s.programme_id = ${programme.id} and f.created_at >= ${since}::date`,
    ),
    rows<{ id: string; subject: string; status: string; createdAt: Date; hours: number; who: string }>(
      db,
      sql`select r.id, r.subject, r.status, r.created_at as "createdAt", extract(epoch from now() - r.created_at) / 3600 as hours, pe.full_name as who
          from support_requests r join people pe on pe.workspace_id = r.workspace_id and pe.id = r.requested_by_person_id
          where r.workspace_id = ${workspaceId} and r.programme_id = ${programme.id} and r.status <> 'resolved'
          order by r.created_at`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from needs n where n.workspace_id = ${workspaceId} and n.programme_id = ${programme.id} and n.addressed_at is null
            and not exists (select 1 from session_needs sn where sn.workspace_id = n.workspace_id and sn.need_id = n.id)`,
    ),
    rows<{ id: string; title: string; status: string; closesOn: string | null; invited: number; answered: number }>(
      db,
      sql`select s.id, s.title, s.status, s.closes_on as "closesOn",
            (select count(*)::int from survey_invitations i where i.workspace_id = s.workspace_id and i.survey_id = s.id) as invited,
            (select count(*)::int from survey_responses r where r.workspace_id = s.workspace_id and r.survey_id = s.id and r.status = 'submitted') as answered
          from surveys s where s.workspace_id = ${workspaceId} and s.programme_id = ${programme.id} and s.status <> 'closed'
          order by s.status desc, s.closes_on nulls last`,
    ),
  ]);
  const soon = addDays(today, 14);
  const waiting: Task[] = [
    ...requests.map((r) => ({
      text: r.subject,
      href: `${base}/requests#request-${r.id}`,
      detail: `From ${r.who}, waiting ${formatHours(Number(r.hours))}`,
      state:
        r.status === 'open'
          ? { text: Number(r.hours) > 72 ? 'Waiting' : 'New', tone: Number(r.hours) > 72 ? ('urgent' as const) : ('due' as const) }
          : undefined,
    })),
    ...(needs[0]?.n
      ? [
          {
            text: `${countOf(needs[0].n, 'need')} not yet planned for`,
            href: `${base}/needs`,
            detail: 'No session answers them yet',
            state: { text: 'To plan', tone: 'due' as const },
          },
        ]
      : []),
  ];
  const evaluation: Task[] = [
    ...(feedback[0]?.n
      ? [{ text: `${countOf(feedback[0].n, 'piece')} of session feedback to read`, href: `${base}/feedback`, detail: 'Given in the last fortnight' }]
      : []),
    ...surveys.map((s) => ({
      text: s.title,
      href: `${base}/evaluation/surveys/${s.id}`,
      detail:
        s.status === 'draft'
          ? 'A draft: finish the questions and open it'
          : `${s.answered} of ${countOf(s.invited, 'person', 'people')} answered${s.closesOn ? ` · closes ${formatDate(s.closesOn)}` : ''}`,
      state:
        s.status === 'draft'
          ? { text: 'Draft', tone: 'due' as const }
          : s.closesOn && s.closesOn <= soon
            ? { text: 'Closing soon', tone: 'urgent' as const }
            : { text: 'Open', tone: 'info' as const },
    })),
  ];
  return [
    limited({ heading: 'Waiting for the team', tasks: waiting, empty: 'No support requests are waiting and every need is planned for.' }, 6, {
      text: 'All support requests',
      href: `${base}/requests`,
    }),
    { heading: 'Feedback and surveys', tasks: evaluation, empty: 'No new feedback in the last fortnight and no survey open or in draft.' },
  ];
}

/** A facilitator's part of the home page: for each programme they run, what the team needs to do next. */
export async function facilitatorPanels(db: Executor, workspaceId: string, personId: string, staff: boolean): Promise<ProgrammePanel[]> {
  const today = londonToday();
  const list = await programmesRun(db, workspaceId, personId, staff);
  return Promise.all(
    list.map(async (programme) => ({
      programme,
      href: `/programmes/${programme.id}`,
      caption:
        programme.endsOn < today
          ? `Finished on ${formatDate(programme.endsOn)}`
          : programme.startsOn > today
            ? `Starts on ${formatDate(programme.startsOn)}`
            : `Runs until ${formatDate(programme.endsOn)}`,
      groups:
        programme.kind === 'delivery_support' ? await deliveryGroups(db, workspaceId, programme, today) : await cohortGroups(db, workspaceId, programme, today),
    })),
  );
}
