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
  type ImpactLevel,
} from '../evaluation/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/**
 * The pilot's evaluation: baseline and final surveys (named, so answers pair
 * by person) for the 15 participants, quotes picked with consent, and 20
 * examples of evidence in use, most verified.
 */

const WHAT_CHANGED = [
  'I now open every submission with what the evidence says, and say how strong it is.',
  'I asked a researcher from the programme to review our outcomes framework before it went to the board.',
  'Our commissioning plan for family hubs now includes a parents’ panel, after the Salford visit.',
  'I stopped treating practice insight as anecdote: the hubs lead’s notes went into our guidance.',
  'I use the one-page summaries with my director, and she now asks for them.',
  'I changed how we brief ministers: shorter, with the evidence on one page and the uncertainty stated.',
];
const ANYTHING_ELSE = [
  'The field visits were the most valuable part: seeing the two-year review done well changed my mind.',
  'Meeting colleagues from the other side of the central–local divide was worth the time on its own.',
  'More time for action learning would have helped.',
];

const IMPACTS: Array<{
  who: string;
  level: ImpactLevel;
  what: string;
  decision: string;
  detail: string;
  evidence: number[];
  session?: string;
  confirmer: string;
  verified: boolean;
  week: number;
}> = [
  {
    who: 'Naomi Clarke',
    level: 'decision',
    what: 'The ministerial submission on perinatal support recommended training health visitors, citing the systematic review',
    decision: 'Start for Life perinatal mental health offer',
    detail: 'The review of non-specialist interventions was the core of the case; the minister agreed to fund training in the pilot areas.',
    evidence: [4, 3],
    session: 'Perinatal mental health and the first year',
    confirmer: 'Deputy Director, Start for Life (DHSC)',
    verified: true,
    week: 10,
  },
  {
    who: 'Imran Qureshi',
    level: 'decision',
    what: 'The Healthy Child Programme refresh now includes a structured language conversation at the two-year review',
    decision: 'Healthy Child Programme guidance refresh',
    detail: 'Drafted after the Leeds visit; the Talking Together evaluation is cited as the basis.',
    evidence: [2, 12],
    session: 'Field visit: Riverside health visiting team, Leeds',
    confirmer: 'Head of Healthy Child Programme policy',
    verified: true,
    week: 14,
  },
  {
    who: 'Eleanor Marsh',
    level: 'implementation',
    what: 'Outreach funding is now targeted at the authorities with the lowest take-up of the two-year offer',
    decision: 'Early years funding formula 2026–27',
    detail: 'The take-up statistics and the regression discontinuity study persuaded the funding board to weight outreach.',
    evidence: [25, 10],
    session: 'Reading the data on the two-year-old offer',
    confirmer: 'Head of Early Years Funding',
    verified: true,
    week: 18,
  },
  {
    who: 'Claire Robson',
    level: 'implementation',
    what: 'Newcastle now runs an evening parenting group after parents said daytime sessions clashed with school pick-up',
    decision: 'Newcastle family hubs parenting offer',
    detail: 'Came from interviewing parents who left early, agreed at action learning set 1.',
    evidence: [24],
    confirmer: 'Assistant Director, Early Help, Newcastle',
    verified: true,
    week: 12,
  },
  {
    who: 'Daniel Osei',
    level: 'discussion',
    what: 'The draft family hubs guidance now has a section on co-location and a single front door',
    decision: 'Family hubs guidance for local authorities',
    detail: 'Drawn from the process evaluation and the Salford visit; out for consultation.',
    evidence: [11, 5],
    session: 'Field visit: Sunrise Family Hub, Salford',
    confirmer: 'Family Hubs policy team lead',
    verified: true,
    week: 16,
  },
  {
    who: 'Mohammed Iqbal',
    level: 'implementation',
    what: 'Two Armley nurseries now share the two-year review with health visitors',
    decision: 'Leeds early language strategy',
    detail: 'Pilot started in term two; parents attend one meeting instead of two.',
    evidence: [12],
    confirmer: 'Head of Early Years, Leeds City Council',
    verified: true,
    week: 20,
  },
  {
    who: 'Lucy Fairbairn',
    level: 'decision',
    what: 'The hubs partnership board agreed one shared definition of a family “reached”',
    decision: 'Manchester family hubs outcomes framework',
    detail: 'Three candidate measures went to the board; it chose the one used in the process evaluation.',
    evidence: [11],
    confirmer: 'Chair, Manchester Family Hubs Partnership Board',
    verified: true,
    week: 15,
  },
  {
    who: 'Andrew Pike',
    level: 'implementation',
    what: 'Video consultations with speech and language therapists started in two rural nurseries',
    decision: 'Norfolk SEND inclusion in the early years',
    detail: 'A response to long travel times; reviewed after one term.',
    evidence: [8, 9],
    confirmer: 'Head of SEND, Norfolk County Council',
    verified: true,
    week: 19,
  },
  {
    who: 'Grace Ogunleye',
    level: 'decision',
    what: 'The 0–5 tender now asks bidders to rate the strength of the evidence behind their model',
    decision: 'Birmingham 0–5 services recommissioning',
    detail: 'Uses the four-level rating from the programme’s library.',
    evidence: [4],
    confirmer: 'Commissioning Manager, Birmingham City Council',
    verified: true,
    week: 22,
  },
  {
    who: 'Siân Roberts',
    level: 'implementation',
    what: 'Every Bristol children’s centre now invites fathers to sessions by name',
    decision: 'Bristol children’s centres engagement plan',
    detail: 'After the Saturday stay-and-play visit and the practitioner insight from Bristol.',
    evidence: [7],
    session: 'Field visit: Saturday stay-and-play, Bristol',
    confirmer: 'Early Childhood Services Manager, Bristol',
    verified: true,
    week: 21,
  },
  {
    who: 'Oliver Grant',
    level: 'discussion',
    what: 'A paper on the cost of early help went to the local government finance working group',
    decision: 'Local government finance settlement',
    detail: 'Uses the EYFSP data by local authority to show variation in need.',
    evidence: [6],
    confirmer: 'Head of Children’s Services Finance, MHCLG',
    verified: false,
    week: 17,
  },
  {
    who: 'Zara Ahmed',
    level: 'discussion',
    what: 'Parents on low incomes were invited to co-design the place-based fund',
    decision: 'Place-based family support fund',
    detail: 'Following the co-production guide; first workshop held.',
    evidence: [27, 23],
    confirmer: 'Deputy Director, Communities',
    verified: true,
    week: 23,
  },
  {
    who: 'Beth Howells',
    level: 'awareness',
    what: 'The Start for Life team read the book-sharing review together at a team meeting',
    decision: 'National parenting support options',
    detail: 'Used to test which options had evidence behind them.',
    evidence: [1],
    confirmer: 'Senior Policy Officer, Start for Life',
    verified: true,
    week: 9,
  },
  {
    who: 'Kieran Doyle',
    level: 'decision',
    what: 'The early language programme evaluation will use a stepped roll-out for a fairer comparison',
    decision: 'Early language programme evaluation design',
    detail: 'Changed after review comments through consultancy support.',
    evidence: [21],
    confirmer: 'Chief Analyst, Early Years',
    verified: true,
    week: 13,
  },
  {
    who: 'Fiona McAllister',
    level: 'discussion',
    what: 'The inclusion fund review now considers what parents of children with speech delay told the Family Voices panel',
    decision: 'Early years inclusion fund review',
    detail: 'Lived experience evidence brought into the review’s terms of reference.',
    evidence: [8],
    confirmer: 'Head of SEND Policy, DfE',
    verified: false,
    week: 18,
  },
  {
    who: 'Naomi Clarke',
    level: 'awareness',
    what: 'Colleagues in DHSC now use the partnership’s library for rapid look-ups',
    decision: 'Team ways of working',
    detail: '',
    evidence: [20],
    confirmer: '',
    verified: false,
    week: 24,
  },
  {
    who: 'Claire Robson',
    level: 'discussion',
    what: 'Newcastle’s hubs evaluation plan was shared with the academic partner introduced through the programme',
    decision: 'Newcastle family hubs evaluation',
    detail: 'Dr Kimura is advising on measuring completion and drop-out.',
    evidence: [24],
    confirmer: 'Dr Rachel Kimura, Eastfield University',
    verified: true,
    week: 19,
  },
  {
    who: 'Mohammed Iqbal',
    level: 'awareness',
    what: 'Leeds early years managers were briefed on the screen time study',
    decision: 'Leeds early language strategy',
    detail: 'Changed the advice to parents from screen limits to keeping talk going.',
    evidence: [26],
    confirmer: '',
    verified: false,
    week: 11,
  },
  {
    who: 'Eleanor Marsh',
    level: 'discussion',
    what: 'Take-up by deprivation decile was added to the early years dashboard',
    decision: 'Early years funding monitoring',
    detail: '',
    evidence: [25],
    confirmer: 'Early years analysis team',
    verified: true,
    week: 24,
  },
  {
    who: 'Daniel Osei',
    level: 'awareness',
    what: 'Two other policy teams asked for the family hubs reading list',
    decision: 'Cross-government family policy network',
    detail: '',
    evidence: [5],
    confirmer: '',
    verified: false,
    week: 25,
  },
];

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
