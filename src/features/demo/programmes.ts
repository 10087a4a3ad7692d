import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import {
  actionEntries,
  attendance,
  challenges,
  changeFeedback,
  cohortMembers,
  intakeResponses,
  needStatements,
  needs,
  programmeChanges,
  programmeSessions,
  programmeTopics,
  programmes,
  sessionFeedback,
  sessionNeeds,
  sessionReadings,
  sessionSpeakers,
  setPresentations,
  type AttendanceStatus,
} from '../programmes/tables.ts';
import { supportRequests } from '../programmes/support-tables.ts';
import { personKey } from './people.ts';
import { COHORT, FACILITATORS, NEEDS } from './programmes-cohort.ts';
import { ACTIONS, CHANGES, MOST_USEFUL, PRESENTATIONS, REQUESTS, SESSIONS, TO_CHANGE } from './programmes-sessions.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/**
 * The Mobilise pilot: six months, 15 participants from three departments and
 * six local authorities, 14 sessions including three field visits. Dates are
 * set from the day the example is loaded, so the pilot has always just
 * finished: every session held, with attendance and feedback, ready to be
 * evaluated.
 */

/** A small deterministic generator, so the example is the same every time it is loaded. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export async function seedProgrammes(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const workspaceId = ctx.workspaceId;
  const person = (name: string) => {
    const id = refs.get(personKey(name));
    if (!id) throw new Error(`Example data refers to an unknown person: ${name}`);
    return id;
  };
  const today = londonToday();
  // Twenty-seven weeks ago, moved back to a Monday: the six-month pilot ended last week.
  let startsOn = addDays(today, -189);
  while (new Date(`${startsOn}T12:00:00Z`).getUTCDay() !== 1) startsOn = addDays(startsOn, -1);
  const endsOn = addDays(startsOn, 26 * 7 - 3);
  const now = new Date();
  const at = (date: string, time: string) => londonInstant(date, time);

  const [programme] = await tx
    .insert(programmes)
    .values({
      workspaceId,
      name: 'Mobilise pilot',
      kind: 'cohort_learning',
      summary: 'Six months for 15 civil servants and local leaders to use evidence on early childhood in their own policy work.',
      aims: 'Build participants’ knowledge of the evidence on the first five years.\nBuild confidence to find, judge and use research, data, practice and family voice.\nBuild lasting relationships between central government, local government and researchers.\nSee evidence used in real decisions on each participant’s policy challenge.',
      startsOn,
      endsOn,
      calendarToken: randomBytes(18).toString('base64url'),
    })
    .returning({ id: programmes.id });
  const programmeId = programme.id;
  refs.set('programme:mobilise', programmeId);
  refs.set('programme:mobilise:starts', startsOn);
  refs.set('programme:mobilise:ends', endsOn);
  const topicIds = ['Early language and communication', 'Family hubs', 'Perinatal mental health', 'Evidence use in policy', 'Co-production with families']
    .map((name) => refs.get(`topic:${name}`))
    .filter((id): id is string => Boolean(id));
  if (topicIds.length) await tx.insert(programmeTopics).values(topicIds.map((topicId) => ({ workspaceId, programmeId, topicId })));

  await tx
    .insert(cohortMembers)
    .values([
      ...FACILITATORS.map((name) => ({ workspaceId, programmeId, personId: person(name), role: 'facilitator' as const })),
      ...COHORT.map((p) => ({ workspaceId, programmeId, personId: person(p.name), role: 'participant' as const })),
    ]);

  // Needs intake, the board and each participant's challenge.
  const needIds = new Map<string, string>();
  for (const [key, need] of Object.entries(NEEDS)) {
    const [row] = await tx
      .insert(needs)
      .values({ workspaceId, programmeId, ...need })
      .returning({ id: needs.id });
    needIds.set(key, row.id);
  }
  const intakeAt = at(addDays(startsOn, -10), '09:00');
  for (const [index, p] of COHORT.entries()) {
    const personId = person(p.name);
    await tx.insert(intakeResponses).values({
      workspaceId,
      programmeId,
      personId,
      roleDescription: p.role,
      policyChallenge: p.challenge,
      alreadyKnow: p.knows,
      learningPreferences: p.prefers,
      createdAt: intakeAt,
      updatedAt: intakeAt,
    });
    await tx.insert(needStatements).values(
      p.wants.map(([key, text]) => ({
        workspaceId,
        programmeId,
        personId,
        text,
        needId: key ? needIds.get(key)! : null,
        answered: key === 'language' && index % 3 === 0 ? ('yes' as const) : key === 'perinatal' && index % 2 === 0 ? ('partly' as const) : null,
        createdAt: intakeAt,
      })),
    );
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId, title: p.challenge.slice(0, 200), description: p.challenge, createdAt: intakeAt, updatedAt: intakeAt });
  }

  // Sessions, with speakers, needs, reading lists, attendance and feedback for those already held.
  const random = sequence(20260301);
  const sessionIds: string[] = [];
  const feedbackByText = new Map<string, Array<{ id: string; sessionIndex: number }>>();
  for (const [index, s] of SESSIONS.entries()) {
    const date = addDays(startsOn, s.week * 7 + (s.day ?? 0));
    const [row] = await tx
      .insert(programmeSessions)
      .values({
        workspaceId,
        programmeId,
        kind: s.kind,
        title: s.title,
        description: s.description,
        startsAt: at(date, s.start),
        endsAt: at(date, s.end),
        place: s.place ?? '',
        onlineLink: s.onlineLink ?? '',
        address: s.address ?? '',
        whoToMeet: s.whoToMeet ?? '',
        safeguardingNotes: s.safeguarding ?? '',
        reflectionPrompt: s.reflection ?? '',
        facilitatorNotes: s.kind === 'field_visit' ? 'Confirm numbers with the setting a week before. Priya holds the contact list for the day.' : '',
      })
      .returning({ id: programmeSessions.id, endsAt: programmeSessions.endsAt });
    sessionIds.push(row.id);
    if (s.title.startsWith('Perinatal mental health')) refs.set('session:perinatal', row.id);
    if (s.speakers?.length) await tx.insert(sessionSpeakers).values(s.speakers.map((name) => ({ workspaceId, sessionId: row.id, personId: person(name) })));
    if (s.needs?.length) await tx.insert(sessionNeeds).values(s.needs.map((key) => ({ workspaceId, sessionId: row.id, needId: needIds.get(key)! })));
    const readings = (s.readings ?? []).map((i) => refs.get(`evidence:${i}`)).filter((id): id is string => Boolean(id));
    if (readings.length)
      await tx
        .insert(sessionReadings)
        .values(readings.map((evidenceItemId, position) => ({ workspaceId, sessionId: row.id, evidenceItemId, position: position + 1 })));
    if (row.endsAt >= now) continue;
    const marks = COHORT.map((p) => {
      const roll = random();
      const status: AttendanceStatus = roll < 0.84 ? 'attended' : roll < 0.96 ? 'apologies' : 'absent';
      return { workspaceId, sessionId: row.id, personId: person(p.name), status };
    });
    await tx.insert(attendance).values(marks);
    // What prompted a change after this session is written by the first people to give feedback; the rest suggest everyday things.
    const prompted = CHANGES.filter((change) => change.afterSession === index).flatMap((change) => change.prompts);
    for (const mark of marks.filter((m) => m.status === 'attended')) {
      if (!prompted.length && random() > 0.75) continue;
      const usefulness = Math.min(5, Math.max(2, Math.round(3.4 + random() * 1.6 + (s.kind === 'field_visit' ? 0.4 : 0) + index * 0.03)));
      const toChange = prompted.shift() ?? TO_CHANGE[Math.floor(random() * TO_CHANGE.length)];
      const mostUseful = MOST_USEFUL[Math.floor(random() * MOST_USEFUL.length)];
      const [feedback] = await tx
        .insert(sessionFeedback)
        .values({
          workspaceId,
          sessionId: row.id,
          personId: mark.personId,
          usefulness,
          mostUseful,
          toChange,
          createdAt: new Date(row.endsAt.getTime() + (2 + random() * 40) * 3_600_000),
        })
        .returning({ id: sessionFeedback.id });
      for (const text of [toChange, mostUseful]) feedbackByText.set(text, [...(feedbackByText.get(text) ?? []), { id: feedback.id, sessionIndex: index }]);
    }
    if (index === 1 || index === 3)
      await tx
        .update(needs)
        .set({ addressedAt: row.endsAt })
        .where(and(eq(needs.workspaceId, workspaceId), eq(needs.id, needIds.get(index === 1 ? 'language' : 'hubs')!)));
  }

  // "You said, we did", each change linked to the feedback that asked for it.
  for (const change of CHANGES) {
    const sessionStart = addDays(startsOn, SESSIONS[change.afterSession].week * 7 + (SESSIONS[change.afterSession].day ?? 0));
    const madeOn = addDays(sessionStart, 6);
    if (madeOn > today) continue;
    const [row] = await tx
      .insert(programmeChanges)
      .values({
        workspaceId,
        programmeId,
        youSaid: change.youSaid,
        weDid: change.weDid,
        madeOn,
        recordedByPersonId: person('Priya Raman'),
        createdAt: at(madeOn, '17:00'),
      })
      .returning({ id: programmeChanges.id });
    const prompts = change.prompts.flatMap((text) => (feedbackByText.get(text) ?? []).filter((f) => f.sessionIndex === change.afterSession));
    if (prompts.length)
      await tx
        .insert(changeFeedback)
        .values(prompts.map((f) => ({ workspaceId, changeId: row.id, feedbackId: f.id })))
        .onConflictDoNothing();
  }

  // Action learning: presentations at the sets held so far, and participants' logs.
  for (const [sessionIndex, name, agreed] of PRESENTATIONS) {
    const date = addDays(startsOn, SESSIONS[sessionIndex].week * 7);
    if (date > today) continue;
    await tx
      .insert(setPresentations)
      .values({ workspaceId, sessionId: sessionIds[sessionIndex], personId: person(name), agreed, createdAt: at(date, '17:00') });
  }
  const challengeIds = new Map(
    (
      await tx
        .select({ id: challenges.id, personId: challenges.personId })
        .from(challenges)
        .where(and(eq(challenges.workspaceId, workspaceId), eq(challenges.programmeId, programmeId)))
    ).map((row) => [row.personId, row.id]),
  );
  for (const [offset, [name, kind, text, evidence, done]] of ACTIONS.entries()) {
    const createdAt = at(addDays(startsOn, 20 + offset * 6 > 80 ? 80 : 20 + offset * 6), '16:00');
    await tx.insert(actionEntries).values({
      workspaceId,
      challengeId: challengeIds.get(person(name))!,
      kind,
      text,
      evidenceItemId: evidence === null ? null : (refs.get(`evidence:${evidence}`) ?? null),
      dueOn: kind === 'action' ? addDays(startsOn, 110 + offset * 4) : null,
      doneAt: done ? new Date(createdAt.getTime() + 9 * 86_400_000) : null,
      createdAt,
    });
  }

  // Consultancy support requests, from answered to just asked.
  for (const request of REQUESTS) {
    const createdAt = new Date(now.getTime() - request.days * 86_400_000);
    const hours = (h?: number) => (h === undefined ? null : new Date(createdAt.getTime() + h * 3_600_000));
    await tx.insert(supportRequests).values({
      workspaceId,
      programmeId,
      requestedByPersonId: person(request.who),
      kind: request.kind,
      subject: request.subject,
      detail: request.detail,
      status: request.status,
      assignedToPersonId: request.by ? person(request.by) : null,
      response: request.response ?? '',
      firstResponseAt: hours(request.respondHours),
      resolvedAt: request.status === 'resolved' ? hours(request.resolveHours) : null,
      createdAt,
      updatedAt: createdAt,
    });
  }
}
