import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { mean, median, rankBiserial, rankBiserialInterval, wilcoxonSignedRank, type WilcoxonResult } from './statistics.ts';
import { outcomeDomains, surveyAnswers, surveyInvitations, surveyItems, surveyQuestions, surveyResponses, surveys, type SurveyWave } from './tables.ts';

/** Counts below this are not shown, so no small group can be picked out. */
export const MIN_CELL = 5;
export const SUPPRESSION_NOTE = `Figures based on fewer than ${MIN_CELL} people are not shown, so that no one can be identified.`;

export interface WaveSummary {
  surveyId: string;
  wave: SurveyWave;
  title: string;
  anonymous: boolean;
  status: string;
  invited: number;
  submitted: number;
  responseRate: number | null;
}

export interface Distribution {
  n: number;
  suppressed: boolean;
  /** Count per scale point, 1 first (empty when suppressed). */
  counts: number[];
  median?: number;
  mean?: number;
}

export interface PairedChange {
  n: number;
  suppressed: boolean;
  before?: number;
  after?: number;
  medianChange?: number;
  improved?: number;
  same?: number;
  worse?: number;
  test?: WilcoxonResult;
  effect?: number;
  interval?: [number, number];
}

export interface ItemResult {
  questionId: string;
  text: string;
  kind: string;
  scalePoints: number;
  labels: string[];
  waves: Partial<Record<SurveyWave, Distribution>>;
  /** Baseline to final for the same people; for retrospective questions, "before" to "now" in one answer. */
  paired?: PairedChange;
}

export interface DomainResult {
  id: string | null;
  name: string;
  description: string;
  items: ItemResult[];
  /** Each person's mean over the domain's items, baseline to final. */
  paired?: PairedChange;
}

export interface Analysis {
  waves: WaveSummary[];
  domains: DomainResult[];
  practiceChange?: { question: string; n: number; suppressed: boolean; agree?: number; share?: number };
  pairing: 'person' | 'code' | 'none';
  note: string;
}

interface ResponseRow {
  id: string;
  surveyId: string;
  personId: string | null;
  respondentCode: string | null;
}

function distribution(values: number[], points: number): Distribution {
  if (values.length < MIN_CELL) return { n: values.length, suppressed: true, counts: [] };
  const counts = Array.from({ length: points }, (_, i) => values.filter((value) => Math.round(value) === i + 1).length);
  return { n: values.length, suppressed: false, counts, median: median(values), mean: mean(values) };
}

export function pairedChange(pairs: Array<[number, number]>): PairedChange {
  if (pairs.length < MIN_CELL) return { n: pairs.length, suppressed: true };
  const differences = pairs.map(([before, after]) => after - before);
  return {
    n: pairs.length,
    suppressed: false,
    before: mean(pairs.map((pair) => pair[0])),
    after: mean(pairs.map((pair) => pair[1])),
    medianChange: median(differences),
    improved: differences.filter((d) => d > 0).length,
    same: differences.filter((d) => d === 0).length,
    worse: differences.filter((d) => d < 0).length,
    test: wilcoxonSignedRank(differences),
    effect: rankBiserial(differences),
    interval: rankBiserialInterval(differences),
  };
}

/** Everything the analysis page, the report, the CLI and the exports show for one programme. */
export async function analyseProgramme(db: Executor, workspaceId: string, programmeId: string): Promise<Analysis> {
  const [surveyRows, domainRows, questionRows] = await Promise.all([
    db
      .select()
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId))),
    db
      .select()
      .from(outcomeDomains)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId)))
      .orderBy(asc(outcomeDomains.position), asc(outcomeDomains.name)),
    db
      .select()
      .from(surveyQuestions)
      .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId)))
      .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.createdAt)),
  ]);
  const surveyIds = surveyRows.map((survey) => survey.id);
  const [responses, answers, invitations, items] = surveyIds.length
    ? await Promise.all([
        db
          .select({
            id: surveyResponses.id,
            surveyId: surveyResponses.surveyId,
            personId: surveyResponses.personId,
            respondentCode: surveyResponses.respondentCode,
          })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.workspaceId, workspaceId), inArray(surveyResponses.surveyId, surveyIds), eq(surveyResponses.status, 'submitted'))),
        db
          .select({
            responseId: surveyAnswers.responseId,
            questionId: surveyAnswers.questionId,
            value: surveyAnswers.valueNumber,
            before: surveyAnswers.valueBefore,
          })
          .from(surveyAnswers)
          .innerJoin(surveyResponses, and(eq(surveyResponses.workspaceId, surveyAnswers.workspaceId), eq(surveyResponses.id, surveyAnswers.responseId)))
          .where(and(eq(surveyAnswers.workspaceId, workspaceId), inArray(surveyResponses.surveyId, surveyIds), eq(surveyResponses.status, 'submitted'))),
        db
          .select({ surveyId: surveyInvitations.surveyId, respondedAt: surveyInvitations.respondedAt })
          .from(surveyInvitations)
          .where(and(eq(surveyInvitations.workspaceId, workspaceId), inArray(surveyInvitations.surveyId, surveyIds))),
        db
          .select({ surveyId: surveyItems.surveyId, questionId: surveyItems.questionId })
          .from(surveyItems)
          .where(and(eq(surveyItems.workspaceId, workspaceId), inArray(surveyItems.surveyId, surveyIds))),
      ])
    : [[], [], [], []];

  const waves: WaveSummary[] = surveyRows
    .map((survey) => {
      const invited = invitations.filter((i) => i.surveyId === survey.id).length;
      const submitted = responses.filter((r) => r.surveyId === survey.id).length;
      return {
        surveyId: survey.id,
        wave: survey.wave,
        title: survey.title,
        anonymous: survey.anonymous,
        status: survey.status,
        invited,
        submitted,
        responseRate: invited ? submitted / invited : null,
      };
    })
    .sort((a, b) => ['baseline', 'midpoint', 'final', 'follow_up'].indexOf(a.wave) - ['baseline', 'midpoint', 'final', 'follow_up'].indexOf(b.wave));

  const baseline = surveyRows.find((s) => s.wave === 'baseline');
  const final = surveyRows.find((s) => s.wave === 'final');
  const pairing: Analysis['pairing'] =
    !baseline || !final ? 'none' : baseline.anonymous === final.anonymous ? (baseline.anonymous ? 'code' : 'person') : 'none';
  const keyOf = (response: ResponseRow) => (pairing === 'person' ? response.personId : pairing === 'code' ? response.respondentCode : null);

  const responseById = new Map(responses.map((r) => [r.id, r]));
  const answersByQuestion = new Map<string, Array<{ response: ResponseRow; value: number | null; before: number | null }>>();
  for (const answer of answers) {
    const response = responseById.get(answer.responseId);
    if (!response) continue;
    answersByQuestion.set(answer.questionId, [...(answersByQuestion.get(answer.questionId) ?? []), { response, value: answer.value, before: answer.before }]);
  }
  const waveOf = new Map(surveyRows.map((s) => [s.id, s.wave]));
  const askedIn = (questionId: string) => new Set(items.filter((i) => i.questionId === questionId).map((i) => waveOf.get(i.surveyId)));

  /** Each pairing key's value at baseline and final for one question (or a domain mean). */
  const pairsFor = (valuesAt: (surveyId: string) => Map<string, number>): Array<[number, number]> => {
    if (pairing === 'none' || !baseline || !final) return [];
    const before = valuesAt(baseline.id);
    const after = valuesAt(final.id);
    const pairs: Array<[number, number]> = [];
    for (const [key, value] of before) if (after.has(key)) pairs.push([value, after.get(key)!]);
    return pairs;
  };
  const valuesByKey = (questionId: string, surveyId: string) => {
    const map = new Map<string, number>();
    for (const answer of answersByQuestion.get(questionId) ?? []) {
      const key = keyOf(answer.response);
      if (answer.response.surveyId === surveyId && key && answer.value !== null) map.set(key, answer.value);
    }
    return map;
  };

  const scaled = questionRows.filter((q) => q.kind === 'likert' || q.kind === 'retrospective');
  const itemResult = (question: (typeof questionRows)[number]): ItemResult => {
    const points = question.scalePoints ?? 5;
    const result: ItemResult = {
      questionId: question.id,
      text: question.text,
      kind: question.kind,
      scalePoints: points,
      labels: question.scaleLabels,
      waves: {},
    };
    const asked = askedIn(question.id);
    for (const survey of surveyRows) {
      if (!asked.has(survey.wave)) continue;
      const values = (answersByQuestion.get(question.id) ?? []).filter((a) => a.response.surveyId === survey.id && a.value !== null).map((a) => a.value!);
      result.waves[survey.wave] = distribution(values, points);
    }
    if (question.kind === 'retrospective') {
      const pairs = (answersByQuestion.get(question.id) ?? [])
        .filter((a) => a.value !== null && a.before !== null)
        .map((a) => [a.before!, a.value!] as [number, number]);
      result.paired = pairedChange(pairs);
    } else if (asked.has('baseline') && asked.has('final')) {
      result.paired = pairedChange(pairsFor((surveyId) => valuesByKey(question.id, surveyId)));
    }
    return result;
  };

  const domains: DomainResult[] = [
    ...domainRows.map((d) => ({ id: d.id, name: d.name, description: d.description })),
    { id: null, name: 'Other questions', description: '' },
  ]
    .map((domain) => {
      const domainQuestions = scaled.filter((q) => q.domainId === domain.id && !q.measuresPracticeChange);
      const result: DomainResult = { ...domain, items: domainQuestions.map(itemResult) };
      const likert = domainQuestions.filter((q) => q.kind === 'likert');
      if (likert.length && pairing !== 'none') {
        // A person's domain score is the mean of the domain's items they answered.
        result.paired = pairedChange(
          pairsFor((surveyId) => {
            const sums = new Map<string, { sum: number; n: number }>();
            for (const q of likert) {
              for (const [key, value] of valuesByKey(q.id, surveyId)) {
                const entry = sums.get(key) ?? { sum: 0, n: 0 };
                sums.set(key, { sum: entry.sum + value, n: entry.n + 1 });
              }
            }
            return new Map([...sums].map(([key, { sum, n }]) => [key, sum / n]));
          }),
        );
      }
      return result;
    })
    .filter((domain) => domain.items.length > 0);

  const practice = questionRows.find((q) => q.measuresPracticeChange);
  let practiceChange: Analysis['practiceChange'];
  if (practice) {
    const points = practice.scalePoints ?? 5;
    const agreeFrom = points === 7 ? 5 : 4;
    const latest = [...surveyRows]
      .filter((s) => askedIn(practice.id).has(s.wave))
      .sort((a, b) => ['baseline', 'midpoint', 'final', 'follow_up'].indexOf(b.wave) - ['baseline', 'midpoint', 'final', 'follow_up'].indexOf(a.wave))[0];
    const values = latest
      ? (answersByQuestion.get(practice.id) ?? []).filter((a) => a.response.surveyId === latest.id && a.value !== null).map((a) => a.value!)
      : [];
    const agree = values.filter((value) => value >= agreeFrom).length;
    practiceChange =
      values.length < MIN_CELL
        ? { question: practice.text, n: values.length, suppressed: true }
        : { question: practice.text, n: values.length, suppressed: false, agree, share: agree / values.length };
  }

  const note =
    pairing === 'none' && baseline && final
      ? 'Baseline and final answers cannot be paired because one survey was anonymous and the other was not.'
      : pairing === 'code'
        ? 'Answers are anonymous; baseline and final are paired through the code each participant chose.'
        : pairing === 'person'
          ? 'Baseline and final answers are paired for the people who answered both.'
          : 'Paired change needs a baseline and a final survey.';
  return { waves, domains, practiceChange, pairing, note };
}
