import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { addDays, londonInstant } from '../../core/dates.ts';
import { hashToken } from '../../core/auth/tokens.ts';
import { cohortMembers, programmeSessions } from '../programmes/tables.ts';
import { createDefaultFramework } from '../evaluation/framework.ts';
import { resumeHash } from '../evaluation/survey-links.ts';
import { seededRandom } from '../../core/random.ts';
import {
  answerTags,
  impactEvidence,
  impactExamples,
  impactSessions,
  outcomeDomains,
  reportSections,
  surveyAnswers,
  surveyInvitations,
  surveyItems,
  surveyQuestions,
  surveyResponses,
  surveys,
} from '../evaluation/tables.ts';
import { ANYTHING_ELSE, IMPACTS, WHAT_CHANGED } from './evaluation-data.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/**
 * The pilot's evaluation: baseline and final surveys (named, so answers pair
 * by person) for the 15 participants, quotes picked with consent, and 20
 * examples of evidence in use, most verified.
 */

export async function seedEvaluation(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const workspaceId = ctx.workspaceId;
  const programmeId = refs.get('programme:mobilise');
  const startsOn = refs.get('programme:mobilise:starts');
  const endsOn = refs.get('programme:mobilise:ends');
  if (!programmeId || !startsOn || !endsOn) return;
  const person = (name: string) => refs.get(personKey(name))!;
  await createDefaultFramework(tx, workspaceId, programmeId);
  const questions = await tx
    .select()
    .from(surveyQuestions)
    .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId)))
    .orderBy(asc(surveyQuestions.position));
  const domains = await tx
    .select()
    .from(outcomeDomains)
    .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId)));
  const likert = questions.filter((q) => q.kind === 'likert' && !q.measuresPracticeChange);
  const closing = questions.filter((q) => q.kind !== 'likert' || q.measuresPracticeChange);
  const participants = await tx
    .select({ personId: cohortMembers.personId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.role, 'participant')));
  const random = seededRandom(20_260_901);

  const makeSurvey = async (wave: 'baseline' | 'final', title: string, openedOn: string, closedOn: string, questionList: typeof questions) => {
    const [survey] = await tx
      .insert(surveys)
      .values({
        workspaceId,
        programmeId,
        title,
        wave,
        status: 'closed',
        introduction: 'About ten minutes. Your answers help us show what the programme changed, and improve it.',
        closesOn: closedOn,
        openedAt: londonInstant(openedOn, '09:00'),
        closedAt: londonInstant(closedOn, '17:00'),
      })
      .returning({ id: surveys.id });
    await tx
      .insert(surveyItems)
      .values(questionList.map((q, position) => ({ workspaceId, surveyId: survey.id, questionId: q.id, position, required: q.kind !== 'text' })));
    return survey.id;
  };
  const baselineId = await makeSurvey('baseline', 'Mobilise baseline survey', addDays(startsOn, -10), addDays(startsOn, 4), likert);
  const finalId = await makeSurvey('final', 'Mobilise final survey', addDays(endsOn, -12), addDays(endsOn, 3), [...likert, ...closing]);

  // Each person starts somewhere between "disagree" and "agree"; most move up a point or so, a few do not.
  const starting = new Map(participants.map((p) => [p.personId, 2 + random() * 1.4]));
  const growth = new Map(participants.map((p) => [p.personId, -0.3 + random() * 1.8]));
  const clamp = (value: number) => Math.max(1, Math.min(5, Math.round(value)));
  const answerSurvey = async (surveyId: string, wave: 'baseline' | 'final', submittedOn: string, skip: Set<string>) => {
    for (const [index, { personId }] of participants.entries()) {
      const token = randomBytes(32).toString('base64url');
      // Closed surveys never send links again, so there is nothing to keep for reminders.
      await tx.insert(surveyInvitations).values({
        workspaceId,
        surveyId,
        personId,
        tokenHash: hashToken(token),
        tokenCipher: '',
        sentAt: londonInstant(submittedOn, '09:00'),
        respondedAt: skip.has(personId) ? null : londonInstant(submittedOn, '12:00'),
      });
      if (skip.has(personId)) continue;
      const [response] = await tx
        .insert(surveyResponses)
        .values({
          workspaceId,
          surveyId,
          personId,
          resumeHash: resumeHash(token),
          status: 'submitted',
          quoteConsent: index % 5 !== 4,
          startedAt: londonInstant(submittedOn, '11:30'),
          submittedAt: londonInstant(submittedOn, '12:00'),
        })
        .returning({ id: surveyResponses.id });
      const base = starting.get(personId)!;
      const values = likert.map((q) => ({
        workspaceId,
        responseId: response.id,
        questionId: q.id,
        valueNumber: clamp(base + (wave === 'final' ? growth.get(personId)! : 0) + (random() - 0.5) * 1.6),
      }));
      if (wave === 'final') {
        for (const q of closing) {
          if (q.measuresPracticeChange)
            values.push({ workspaceId, responseId: response.id, questionId: q.id, valueNumber: clamp(3 + growth.get(personId)! + (random() - 0.4)) });
        }
      }
      await tx.insert(surveyAnswers).values(values);
      if (wave === 'final') {
        const [whatChanged, anythingElse] = closing.filter((q) => q.kind === 'text');
        const texts = [
          { q: whatChanged, text: WHAT_CHANGED[index % WHAT_CHANGED.length] },
          ...(index % 4 === 0 ? [{ q: anythingElse, text: ANYTHING_ELSE[(index / 4) % ANYTHING_ELSE.length] }] : []),
        ];
        for (const { q, text } of texts) {
          if (!q) continue;
          await tx.insert(surveyAnswers).values({ workspaceId, responseId: response.id, questionId: q.id, valueText: text });
          if (index % 5 !== 4 && index < 9) {
            const domain = domains[index % domains.length];
            await tx.insert(answerTags).values({ workspaceId, responseId: response.id, questionId: q.id, domainId: domain.id, pickedAsQuote: index % 2 === 0 });
          }
        }
      }
    }
  };
  await answerSurvey(baselineId, 'baseline', addDays(startsOn, -3), new Set());
  await answerSurvey(finalId, 'final', addDays(endsOn, -2), new Set());

  const sessions = await tx
    .select({ id: programmeSessions.id, title: programmeSessions.title })
    .from(programmeSessions)
    .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId)));
  for (const impact of IMPACTS) {
    const occurredOn = addDays(startsOn, impact.week * 7);
    const [row] = await tx
      .insert(impactExamples)
      .values({
        workspaceId,
        programmeId,
        recordedByPersonId: person(impact.who),
        level: impact.level,
        whatChanged: impact.what,
        policyOrDecision: impact.decision,
        description: impact.detail,
        occurredOn,
        confirmer: impact.confirmer,
        verifiedAt: impact.verified ? londonInstant(addDays(occurredOn, 5), '10:00') : null,
        verifiedByPersonId: impact.verified ? person('Dr Marcus Bell') : null,
        createdAt: londonInstant(addDays(occurredOn, 1), '10:00'),
      })
      .returning({ id: impactExamples.id });
    const evidence = impact.evidence.map((i) => refs.get(`evidence:${i}`)).filter((id): id is string => Boolean(id));
    if (evidence.length) await tx.insert(impactEvidence).values(evidence.map((evidenceId) => ({ workspaceId, impactId: row.id, evidenceId })));
    const session = impact.session ? sessions.find((s) => s.title === impact.session) : undefined;
    if (session) await tx.insert(impactSessions).values({ workspaceId, impactId: row.id, sessionId: session.id });
  }
  await tx.insert(reportSections).values({
    workspaceId,
    programmeId,
    key: 'lessons',
    body: 'Gather needs a month before the first session, so the programme can be shaped before it starts.\nField visits did more to change minds than any masterclass: plan at least three, half a day each, with time to talk to parents.\nPair each central government participant with a local one from the first week.\nKeep reading lists to three items with one-page summaries; participants read them.\nAsk for examples of evidence use as they happen, not at the end: they are forgotten.',
  });
}
