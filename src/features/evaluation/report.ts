import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { Programme } from '../programmes/queries.ts';
import { sessionsOf } from '../programmes/queries.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { analyseProgramme, MIN_CELL, SUPPRESSION_NOTE, type Analysis, type PairedChange } from './analysis.ts';
import { beforeAfterBars, divergingBars } from './charts.ts';
import { impactCounts, impactLog, textAnswers, type ImpactExample } from './impact-queries.ts';
import { waveLabels } from './survey-queries.ts';
import { reportSections, type ReportSectionKey } from './tables.ts';
import { countOf, formatDate, formatScore } from '../../core/views/format.ts';
import { programmeRelationships } from '../relationships/network-page.ts';
import { reportSectionLabels } from '../../core/views/labels.ts';

export const sectionTitles = reportSectionLabels as Record<ReportSectionKey, string>;

const defaultSections: Record<ReportSectionKey, string> = {
  summary: '',
  lessons: '',
  method:
    'Participants answered the same outcome questions at the start (baseline) and at the end (final) of the programme, on a five-point agreement scale. Where the same person answered both, their answers were paired. For each question and each outcome domain (the mean of its questions), change was tested with the Wilcoxon signed-rank test (exact for small samples without ties, otherwise the normal approximation with continuity correction), and its size given as the matched-pairs rank-biserial correlation with a bootstrap 95% interval (2,000 resamples). Examples of evidence use were recorded during the programme and checked by the team. ' +
    SUPPRESSION_NOTE,
  limitations:
    'Answers are self-reported and there was no comparison group, so change cannot be attributed to the programme with certainty. The cohort is small, so intervals are wide. People who answered both surveys may differ from those who did not. Examples of evidence use were volunteered and are not a complete record.',
};

export interface ReportModel {
  programme: Programme;
  analysis: Analysis;
  sections: Record<ReportSectionKey, string>;
  custom: Record<ReportSectionKey, boolean>;
  participation: { participants: number; sessions: number; held: number; averageAttendance: number | null };
  quotes: Array<{ text: string; domain: string | null; wave: string }>;
  impacts: ImpactExample[];
  impactCounts: ReturnType<typeof impactCounts>;
  respondents: number;
  enoughRespondents: boolean;
  charts: Array<{ title: string; svg: string }>;
  /** Relationships, the fifth outcome: the network before and at the end (none drawn while nobody is tied). */
  relationships: Awaited<ReturnType<typeof programmeRelationships>> | null;
  generatedAt: Date;
}

export const formatP = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
export const formatR = (r: number) => r.toFixed(2);

/** How big a change is, in words, from the rank-biserial r: Cohen's bands for a correlation (0.1 small, 0.3 moderate, 0.5 large). */
export function sizeInWords(r: number): string {
  const size = Math.abs(r);
  return size < 0.1 ? 'hardly any' : size < 0.3 ? 'a small' : size < 0.5 ? 'a moderate' : 'a large';
}

/** One line in plain words for a paired result: what happened, to how many, how big, and whether it could be chance. */
export function describeChange(change: PairedChange | undefined): string {
  if (!change) return 'Not asked at both baseline and final.';
  if (change.suppressed) return `Fewer than ${MIN_CELL} people answered both: not shown.`;
  const before = change.before ?? 0;
  const after = change.after ?? 0;
  const direction = after > before ? 'rose' : after < before ? 'fell' : 'stayed the same';
  const movement = `${change.improved} rose, ${change.same} stayed the same and ${change.worse} fell`;
  const verdict = change.test
    ? ` That is ${sizeInWords(change.effect ?? 0)} change${after === before ? '' : after > before ? ' upwards' : ' downwards'}, ${change.test.pValue < 0.05 ? 'unlikely to be chance' : 'which could be chance'}.`
    : '';
  return `On average it ${direction} from ${formatScore(before)} to ${formatScore(after)} for the ${change.n} people who answered both times: ${movement}.${verdict}`;
}

/** The statistics behind a paired result, for "how this was worked out". */
export function changeStatistics(change: PairedChange | undefined): string {
  if (!change?.test || change.suppressed) return '';
  const interval = change.interval ? ` (95% confidence interval ${formatR(change.interval[0])} to ${formatR(change.interval[1])})` : '';
  return `Wilcoxon signed-rank test: V = ${change.test.statistic}, ${formatP(change.test.pValue)} (two-sided). Size of the change: matched-pairs rank-biserial correlation r = ${formatR(change.effect ?? 0)}${interval}, from −1 (everyone lower) to 1 (everyone higher).`;
}

/**
 * The answers picked as quotes, each once: an answer tagged with two domains
 * comes back as two rows, and is printed once with both domains.
 */
export function pickedQuotes(answers: Awaited<ReturnType<typeof textAnswers>>): ReportModel['quotes'] {
  const byAnswer = new Map<string, { text: string; domains: string[]; wave: string }>();
  for (const a of answers) {
    if (!a.picked || !a.consent) continue;
    const key = `${a.responseId}:${a.questionId}`;
    const quote = byAnswer.get(key) ?? { text: a.text, domains: [], wave: waveLabels[a.wave] };
    if (a.domainName && !quote.domains.includes(a.domainName)) quote.domains.push(a.domainName);
    byAnswer.set(key, quote);
  }
  return [...byAnswer.values()].map((q) => ({ text: q.text, domain: q.domains.length ? q.domains.join('; ') : null, wave: q.wave }));
}

export async function buildReport(db: Executor, workspaceId: string, programme: Programme): Promise<ReportModel> {
  const [analysis, stored, answers, impacts, sessions, participants, relationships] = await Promise.all([
    analyseProgramme(db, workspaceId, programme.id),
    db
      .select()
      .from(reportSections)
      .where(and(eq(reportSections.workspaceId, workspaceId), eq(reportSections.programmeId, programme.id))),
    textAnswers(db, workspaceId, programme.id),
    impactLog(db, workspaceId, programme.id),
    sessionsOf(db, workspaceId, programme.id),
    db.$count(
      cohortMembers,
      and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programme.id), eq(cohortMembers.role, 'participant')),
    ),
    programmeRelationships(db, workspaceId, programme),
  ]);
  const sections = { ...defaultSections };
  const custom = { summary: false, lessons: false, method: false, limitations: false };
  for (const section of stored) {
    sections[section.key] = section.body;
    custom[section.key] = true;
  }
  const respondents = Math.max(0, ...analysis.waves.map((wave) => wave.submitted));
  const held = sessions.filter((s) => s.endsAt < new Date());
  const averageAttendance = held.length && participants ? held.reduce((sum, s) => sum + s.attended, 0) / (held.length * participants) : null;
  if (!custom.summary) sections.summary = autoSummary(programme, analysis, impacts, participants);

  const charts: ReportModel['charts'] = [];
  const domainsWithChange = analysis.domains.filter((d) => d.paired && !d.paired.suppressed && d.paired.before !== undefined);
  if (domainsWithChange.length) {
    charts.push({
      title: 'Outcome domains: mean score before and after, for the same people',
      svg: beforeAfterBars(
        domainsWithChange.map((d) => ({ label: d.name, before: d.paired!.before!, after: d.paired!.after! })),
        5,
        'Outcome domains: mean score at baseline and final',
      ),
    });
  }
  for (const domain of analysis.domains) {
    const rows = domain.items.flatMap((item) => {
      const finalWave = item.waves.final ?? item.waves.follow_up;
      return finalWave && !finalWave.suppressed ? [{ label: item.text, counts: finalWave.counts, labels: item.labels }] : [];
    });
    if (rows.length)
      charts.push({ title: `${domain.name}: answers at the end`, svg: divergingBars(rows, rows[0].labels, `${domain.name}: answers at the end`) });
  }
  return {
    programme,
    analysis,
    sections,
    custom,
    participation: { participants, sessions: sessions.length, held: held.length, averageAttendance },
    quotes: pickedQuotes(answers),
    impacts,
    impactCounts: impactCounts(impacts),
    respondents,
    enoughRespondents: respondents >= MIN_CELL,
    charts,
    relationships: relationships.tiesAtEnd > 0 ? relationships : null,
    generatedAt: new Date(),
  };
}

function autoSummary(programme: Programme, analysis: Analysis, impacts: ImpactExample[], participants: number): string {
  const lines = [
    `${programme.name} ran from ${formatDate(programme.startsOn)} to ${formatDate(programme.endsOn)} with ${countOf(participants, 'participant')}.`,
  ];
  const changed = analysis.domains.filter(
    (d) => d.paired && !d.paired.suppressed && d.paired.test && d.paired.test.pValue < 0.05 && (d.paired.after ?? 0) > (d.paired.before ?? 0),
  );
  if (changed.length)
    lines.push(
      `Scores rose clearly in ${changed.length} of ${analysis.domains.filter((d) => d.paired).length} outcome domains: ${changed.map((d) => d.name.toLowerCase()).join('; ')}.`,
    );
  if (analysis.practiceChange && !analysis.practiceChange.suppressed)
    lines.push(`${Math.round((analysis.practiceChange.share ?? 0) * 100)}% of those who answered at the end agreed that they now work differently.`);
  const verified = impacts.filter((i) => i.verifiedAt).length;
  if (impacts.length)
    lines.push(
      `${impacts.length} examples of evidence being used were recorded, ${verified} of them verified; ${impacts.filter((i) => i.level === 'decision' || i.level === 'implementation').length} changed a decision or what is delivered.`,
    );
  return lines.join(' ');
}
