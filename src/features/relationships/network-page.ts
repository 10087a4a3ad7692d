import { addDays, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { formatDate, formatMonth, formatNumber } from '../../core/views/format.ts';
import { perspectiveLabels, relationshipKindLabels } from '../../core/views/labels.ts';
import type { Perspective } from '../people/tables.ts';
import { boundaryLabels, edgesUntil, layout, measure, type Boundary, type NetworkEdge, type NetworkMeasures, type NetworkPerson } from './network.ts';
import { networkPeople, programmePeopleIds, tiesAmong } from './queries.ts';
import { networkSvg, type Picture } from './network-svg.ts';

/** One colour per perspective (GOV.UK palette), with the legend and the table saying the same in words. */
export const perspectiveColours: Record<Perspective | 'none', string> = {
  academic: '#1d70b8',
  practitioner: '#00703c',
  central_government: '#4c2c92',
  local_government: '#d4351c',
  lived_experience: '#f47738',
  none: '#505a5f',
};

const BOX = { width: 760, height: 560, margin: 60 };

export interface NetworkScope {
  people: string[];
  /** When "before" ends (the programme's first day, the community's start) and "after" is read. */
  startsOn: string;
  until: string;
}

function picture(people: NetworkPerson[], edges: NetworkEdge[], positions: Map<string, { x: number; y: number }>, named: boolean): Picture {
  const labelled = named && people.length <= 40;
  return {
    width: BOX.width,
    height: BOX.height,
    edges: edges.map((e) => {
      const [from, to] = [positions.get(e.a)!, positions.get(e.b)!];
      return { x1: from.x, y1: from.y, x2: to.x, y2: to.y, crossing: e.boundaries.length > 0 };
    }),
    nodes: people.map((p) => {
      const at = positions.get(p.id)!;
      return {
        x: at.x,
        y: at.y,
        colour: perspectiveColours[p.perspective ?? 'none'],
        // Names beside the points while there is room for them; the table always has them.
        label: labelled ? p.fullName.replace(/^(Professor|Dr|Cllr) /, '') : '',
        labelAnchor: at.x > BOX.width * 0.65 ? 'end' : 'start',
        labelDx: at.x > BOX.width * 0.65 ? -9 : 9,
        title: `${p.fullName}${p.perspective ? ` (${perspectiveLabels[p.perspective]})` : ''}`,
      };
    }),
  };
}

function summary(m: NetworkMeasures) {
  const tiesText = `${m.ties === 1 ? '1 tie' : `${formatNumber(m.ties)} ties`} among ${m.people === 1 ? '1 person' : `${formatNumber(m.people)} people`}`;
  return {
    description: `${tiesText}, ${formatNumber(m.isolated)} with none, ${formatNumber(m.crossingAny)} across a boundary.`,
    people: m.people,
    ties: m.ties,
    crossing: m.crossingAny,
    byBoundary: (Object.keys(boundaryLabels) as Boundary[]).map((b) => ({ label: boundaryLabels[b], count: m.crossing[b] })),
    density: formatNumber(Math.round(m.density * 1000) / 10) + '%',
    isolated: m.isolated,
    groups: m.groups,
  };
}

/** Month ends from the start to the end, for ties over time. */
function monthEnds(from: string, to: string): string[] {
  const ends: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number);
  for (;;) {
    const next = new Date(Date.UTC(year, month, 1));
    const end = addDays(next.toISOString().slice(0, 10), -1);
    ends.push(end < to ? end : to);
    if (end >= to || ends.length > 60) return ends;
    [year, month] = [next.getUTCFullYear(), next.getUTCMonth() + 1];
  }
}

/**
 * The network of some people, before a start date and up to now (or the
 * end), with pictures drawn in the same places, the measures side by side,
 * ties month by month, and tables of people and ties as the picture's text
 * alternative. `perspectives` keeps only people of those perspectives.
 */
export async function networkView(
  db: Executor,
  workspaceId: string,
  scope: NetworkScope,
  perspectives: Perspective[] = [],
  /** Names beside the points (the staff's page); the evaluation report draws them without. */
  named = true,
) {
  const everyone = await networkPeople(db, workspaceId, scope.people);
  const people = perspectives.length ? everyone.filter((p) => p.perspective && perspectives.includes(p.perspective)) : everyone;
  const ties = await tiesAmong(
    db,
    workspaceId,
    people.map((p) => p.id),
  );
  const until = scope.until < londonToday() ? scope.until : londonToday();
  const beforeDay = addDays(scope.startsOn, -1);
  const afterEdges = edgesUntil(people, ties, until);
  const beforeEdges = edgesUntil(people, ties, beforeDay);
  const positions = layout(people, afterEdges, BOX);
  const [before, after] = [measure(people, beforeEdges), measure(people, afterEdges)];
  const names = new Map(people.map((p) => [p.id, p.fullName]));
  const beforeByPerson = new Map(before.byPerson.map((p) => [p.person.id, p]));
  const beforeLabel = `Before ${formatDate(scope.startsOn)}`;
  const afterLabel = `By ${formatDate(until)}`;
  const [beforeSummary, afterSummary] = [summary(before), summary(after)];
  return {
    people: people.length,
    everyone: everyone.length,
    beforeLabel,
    afterLabel,
    before: { ...beforeSummary, svg: networkSvg(picture(people, beforeEdges, positions, named), 'network-before', beforeLabel, beforeSummary.description) },
    after: { ...afterSummary, svg: networkSvg(picture(people, afterEdges, positions, named), 'network-after', afterLabel, afterSummary.description) },
    growth: after.ties - before.ties,
    overTime: monthEnds(scope.startsOn < until ? scope.startsOn : until, until).map((end) => {
      const edges = edgesUntil(people, ties, end);
      return { month: formatMonth(end), ties: edges.length, crossing: edges.filter((e) => e.boundaries.length).length };
    }),
    byPerson: after.byPerson
      .map((p) => ({
        id: p.person.id,
        name: p.person.fullName,
        organisation: p.person.organisation,
        perspective: p.person.perspective,
        tiesBefore: beforeByPerson.get(p.person.id)?.ties ?? 0,
        ties: p.ties,
        crossing: p.crossing,
        brokerage: formatNumber(Math.round(p.brokerage * 100) / 100),
        brokerageValue: p.brokerage,
        ifTheyLeft: [
          p.wouldIsolate.length ? `${p.wouldIsolate.map((id) => names.get(id)).join(', ')} would have no tie left` : '',
          p.wouldSplit > p.wouldIsolate.length ? `the network would split into ${p.wouldSplit + 1} parts` : '',
        ]
          .filter(Boolean)
          .join('; '),
      }))
      .sort((a, b) => b.brokerageValue - a.brokerageValue || b.ties - a.ties || a.name.localeCompare(b.name)),
    ties: afterEdges.map((e) => ({
      a: names.get(e.a),
      b: names.get(e.b),
      how: e.kinds.map((k) => relationshipKindLabels[k]).join(', '),
      first: formatDate(e.first),
      isNew: e.first > beforeDay,
      boundaries: e.boundaries.map((b) => boundaryLabels[b]).join(', '),
    })),
    legend: (Object.keys(perspectiveColours) as Array<Perspective | 'none'>).map((key) => ({
      colour: perspectiveColours[key],
      label: key === 'none' ? 'Not known' : perspectiveLabels[key],
    })),
  };
}
export type NetworkView = Awaited<ReturnType<typeof networkView>>;

/**
 * The programme's relationships for its evaluation report (the fifth
 * outcome): the measures before and at the end, a sentence saying what
 * changed, and the network drawn without names (the report travels further
 * than the staff's page).
 */
export async function programmeRelationships(db: Executor, workspaceId: string, programme: { id: string; startsOn: string; endsOn: string }) {
  const view = await networkView(
    db,
    workspaceId,
    { people: await programmePeopleIds(db, workspaceId, programme.id), startsOn: programme.startsOn, until: programme.endsOn },
    [],
    false,
  );
  const rows: Array<[string, string, string]> = [
    ['Ties', formatNumber(view.before.ties), formatNumber(view.after.ties)],
    ['Ties across a boundary', formatNumber(view.before.crossing), formatNumber(view.after.crossing)],
    ...view.after.byBoundary.map((b, i): [string, string, string] => [`– ${b.label}`, formatNumber(view.before.byBoundary[i].count), formatNumber(b.count)]),
    ['Density (ties of all possible)', view.before.density, view.after.density],
    ['People with no tie', formatNumber(view.before.isolated), formatNumber(view.after.isolated)],
    ['Separate groups', formatNumber(view.before.groups), formatNumber(view.after.groups)],
  ];
  const sentence =
    `The ${formatNumber(view.people)} people of the programme (its cohort and speakers) had ${formatNumber(view.before.ties)} ties between them before it began ` +
    `and ${formatNumber(view.after.ties)} ${view.afterLabel.replace(/^By/, 'by')}: ${formatNumber(view.growth)} new, ` +
    `with ${formatNumber(view.after.crossing)} crossing a boundary (${formatNumber(view.before.crossing)} before). ` +
    `${formatNumber(view.after.isolated)} had no tie at the end (${formatNumber(view.before.isolated)} at the start).`;
  return { beforeLabel: view.beforeLabel, afterLabel: view.afterLabel, rows, sentence, svg: view.after.svg, people: view.people, tiesAtEnd: view.after.ties };
}
