import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import type { Mailer } from '../../core/mailer.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { formatDate, formatList } from '../../core/views/format.ts';
import { rows } from '../../core/db/client.ts';
import { relationshipPolicy } from './policy.ts';
import { pairsOf, storeTies } from './record-tie.ts';
import type { IntroductionInput, OutcomeInput } from './schemas.ts';
import { introductionPeople, introductions } from './tables.ts';

/** When a facilitator asks "did you meet?", unless they choose a date. */
const FOLLOW_UP_DAYS = 21;

interface Introduced {
  id: string;
  fullName: string;
  email: string | null;
  jobTitle: string;
  organisation: string | null;
}

/**
 * Introduce two or more people: recorded as an introduction and as a tie
 * between each pair, then one e-mail to all of them and the facilitator, so
 * that replying to all starts the conversation. Everyone needs an e-mail
 * address; nobody is introduced to themselves.
 */
export async function introducePeople(db: Db, ctx: OperationContext, deps: { mailer: Mailer }, input: IntroductionInput) {
  const made = await runOperation(db, ctx, 'introduce people', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(relationshipPolicy.introduce(member), 'Only facilitators and administrators make introductions.');
    const ids = [...new Set(input.personIds)];
    if (ids.length < 2) throw new RuleError('personIds', 'Choose at least two different people to introduce');
    const people = await rows<Introduced>(
      tx,
      sql`select p.id, p.full_name as "fullName", p.email, p.job_title as "jobTitle", o.name as organisation
          from people p left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
          where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(ids)})
          order by p.full_name`,
    );
    if (people.length !== ids.length) throw new RuleError('personIds', 'Choose people from the list');
    const noEmail = people.filter((p) => !p.email).map((p) => p.fullName);
    if (noEmail.length)
      throw new RuleError('personIds', `Add an e-mail address for ${formatList(noEmail)} first: an introduction is an e-mail to everyone in it.`);
    const today = londonToday();
    const followUpOn = input.followUpOn ?? addDays(today, FOLLOW_UP_DAYS);
    if (followUpOn < today) throw new RuleError('followUpOn', 'The follow-up date must be today or later');
    const [introduction] = await tx
      .insert(introductions)
      .values({ workspaceId, introducedByPersonId: personIdOf(member), note: input.note, followUpOn })
      .returning({ id: introductions.id });
    await tx.insert(introductionPeople).values(people.map((p) => ({ workspaceId, introductionId: introduction.id, personId: p.id })));
    await storeTies(tx, workspaceId, pairsOf(ids), {
      kind: 'introduced',
      occurredOn: today,
      introductionId: introduction.id,
      recordedByPersonId: personIdOf(member),
    });
    const names = formatList(people.map((p) => p.fullName));
    await audit({ action: 'introduction.made', entityType: 'introduction', entityId: introduction.id, summary: `Introduced ${names}` });
    const [self] = member.personId
      ? await rows<{ email: string | null }>(tx, sql`select email from people where workspace_id = ${workspaceId} and id = ${member.personId}`)
      : [];
    return { id: introduction.id, people, names, followUpOn, from: { name: actor.name, email: self?.email ?? null } };
  });
  const recipients = [
    ...made.people.map((p) => p.email!),
    ...(made.from.email && !made.people.some((p) => p.email === made.from.email) ? [made.from.email] : []),
  ];
  const lines = made.people.map(
    (p) => `- ${p.fullName}${[p.jobTitle, p.organisation].filter(Boolean).length ? `, ${[p.jobTitle, p.organisation].filter(Boolean).join(', ')}` : ''}`,
  );
  const delivery = await deps.mailer.send({
    workspaceId: ctx.workspace.id,
    kind: 'introduction',
    to: recipients.join(', '),
    subject: `Introducing ${made.names}`,
    text: [
      `Hello ${made.names},`,
      '',
      input.note,
      '',
      'Who is who:',
      ...lines,
      '',
      'Reply to all to start the conversation: this e-mail went to each of you.',
      '',
      made.from.name,
      `${ctx.workspace.name}, through Bridgework`,
    ].join('\n'),
  });
  return { ...made, delivery: delivery.status };
}

/** After the follow-up date: did they meet? "They met" records a meeting between each pair, today. */
export function recordIntroductionOutcome(db: Db, ctx: OperationContext, introductionId: string, input: OutcomeInput): Promise<void> {
  return runOperation(db, ctx, 'record whether people met', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(relationshipPolicy.introduce(member), 'Only facilitators and administrators follow up introductions.');
    const [introduction] = await tx
      .select()
      .from(introductions)
      .where(and(eq(introductions.workspaceId, workspaceId), eq(introductions.id, introductionId)));
    if (!introduction) throw new NotFoundError();
    const people = await tx
      .select({ personId: introductionPeople.personId })
      .from(introductionPeople)
      .where(and(eq(introductionPeople.workspaceId, workspaceId), eq(introductionPeople.introductionId, introductionId)));
    await tx
      .update(introductions)
      .set({ outcome: input.outcome, outcomeNote: input.outcomeNote, outcomeRecordedAt: new Date() })
      .where(and(eq(introductions.workspaceId, workspaceId), eq(introductions.id, introductionId)));
    if (input.outcome === 'met')
      await storeTies(tx, workspaceId, pairsOf(people.map((p) => p.personId)), {
        kind: 'met',
        occurredOn: londonToday(),
        introductionId,
        note: input.outcomeNote,
        recordedByPersonId: personIdOf(member),
      });
    await audit({
      action: 'introduction.followed_up',
      entityType: 'introduction',
      entityId: introductionId,
      summary: `Followed up the introduction of ${formatDate(introduction.createdAt)}: ${{ met: 'they met', will_meet: 'they will meet', did_not_meet: 'they did not meet' }[input.outcome]}`,
    });
  });
}
