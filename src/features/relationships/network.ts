/**
 * A network of people and the ties between them, measured with graphology
 * and its metrics: how many ties, how many cross a boundary (research and
 * policy, central and local government, one council and another, one
 * programme and another), density, each person's brokerage (betweenness) and
 * who would leave others cut off if they left. Pure: the pages and the
 * evaluation report give it people and ties.
 */
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import { countConnectedComponents } from 'graphology-components';
import { circular } from 'graphology-layout';
import { betweenness as betweennessCentrality } from 'graphology-metrics/centrality/index.js';
import { density } from 'graphology-metrics/graph/density.js';
import type { Perspective } from '../people/tables.ts';
import type { RelationshipKind } from './tables.ts';

// ForceAtlas2 is a CommonJS function with properties, which TypeScript's ES module view of it does not see.
const forceAtlas2 = createRequire(import.meta.url)('graphology-layout-forceatlas2') as (typeof import('graphology-layout-forceatlas2'))['default'];

export interface NetworkPerson {
  id: string;
  fullName: string;
  organisationId: string | null;
  organisation: string | null;
  perspective: Perspective | null;
  /** The programmes whose cohorts they are in, for ties between programmes. */
  programmeIds: string[];
}

export interface Tie {
  a: string;
  b: string;
  kind: RelationshipKind;
  /** A calendar date, "2026-03-04". */
  on: string;
}

export type Boundary = 'research_policy' | 'central_local' | 'between_councils' | 'between_programmes';

export const boundaryLabels: Record<Boundary, string> = {
  research_policy: 'Research and policy',
  central_local: 'Central and local government',
  between_councils: 'Between local authorities',
  between_programmes: 'Between programmes',
};

const policy = new Set<Perspective | null>(['central_government', 'local_government']);

/** Which boundaries a tie between two people crosses. */
export function boundariesCrossed(x: NetworkPerson, y: NetworkPerson): Boundary[] {
  const crossed: Boundary[] = [];
  const pair = [x.perspective, y.perspective];
  if (pair.includes('academic') && pair.some((p) => policy.has(p))) crossed.push('research_policy');
  if (pair.includes('central_government') && pair.includes('local_government')) crossed.push('central_local');
  if (
    x.perspective === 'local_government' &&
    y.perspective === 'local_government' &&
    x.organisationId &&
    y.organisationId &&
    x.organisationId !== y.organisationId
  )
    crossed.push('between_councils');
  if (x.programmeIds.length && y.programmeIds.length && !x.programmeIds.some((id) => y.programmeIds.includes(id))) crossed.push('between_programmes');
  return crossed;
}

export interface PersonMeasures {
  person: NetworkPerson;
  ties: number;
  crossing: number;
  /** Betweenness centrality, normalised to 0–1: how often they sit on the shortest path between two others. */
  brokerage: number;
  /** People whose only tie is to them. */
  wouldIsolate: string[];
  /** How many more separate groups the network would fall into without them. */
  wouldSplit: number;
}

export interface NetworkMeasures {
  people: number;
  ties: number;
  crossing: Record<Boundary, number>;
  crossingAny: number;
  /** Ties as a share of every pair that could be tied. */
  density: number;
  /** People with no tie at all. */
  isolated: number;
  /** Separate groups (a person alone counts as one). */
  groups: number;
  byPerson: PersonMeasures[];
}

export interface NetworkEdge {
  a: string;
  b: string;
  kinds: RelationshipKind[];
  first: string;
  boundaries: Boundary[];
}

/** The ties dated on or before `until`, one edge per pair, with every way they are tied. */
export function edgesUntil(people: NetworkPerson[], ties: Tie[], until: string): NetworkEdge[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const edges = new Map<string, NetworkEdge>();
  for (const tie of ties) {
    if (tie.on > until || tie.a === tie.b || !byId.has(tie.a) || !byId.has(tie.b)) continue;
    const [a, b] = tie.a < tie.b ? [tie.a, tie.b] : [tie.b, tie.a];
    const key = `${a}|${b}`;
    const edge = edges.get(key) ?? { a, b, kinds: [], first: tie.on, boundaries: boundariesCrossed(byId.get(a)!, byId.get(b)!) };
    if (!edge.kinds.includes(tie.kind)) edge.kinds.push(tie.kind);
    if (tie.on < edge.first) edge.first = tie.on;
    edges.set(key, edge);
  }
  return [...edges.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

function graphOf(people: NetworkPerson[], edges: NetworkEdge[]): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const person of people) graph.addNode(person.id);
  for (const edge of edges) graph.addEdge(edge.a, edge.b);
  return graph;
}

/** Every measure of the network the people and edges make. */
export function measure(people: NetworkPerson[], edges: NetworkEdge[]): NetworkMeasures {
  const graph = graphOf(people, edges);
  const brokerage = graph.order > 2 && graph.size > 0 ? betweennessCentrality(graph, { normalized: true }) : {};
  const groups = countConnectedComponents(graph);
  const crossing = { research_policy: 0, central_local: 0, between_councils: 0, between_programmes: 0 };
  for (const edge of edges) for (const boundary of edge.boundaries) crossing[boundary]++;
  const byPerson = people.map((person) => {
    const neighbours = graph.neighbors(person.id);
    let wouldSplit = 0;
    if (neighbours.length > 1) {
      const without = graph.copy();
      without.dropNode(person.id);
      wouldSplit = Math.max(0, countConnectedComponents(without) - groups);
    }
    return {
      person,
      ties: neighbours.length,
      crossing: edges.filter((e) => (e.a === person.id || e.b === person.id) && e.boundaries.length).length,
      brokerage: brokerage[person.id] ?? 0,
      wouldIsolate: neighbours.filter((n) => graph.degree(n) === 1),
      wouldSplit,
    };
  });
  return {
    people: graph.order,
    ties: graph.size,
    crossing,
    crossingAny: edges.filter((e) => e.boundaries.length).length,
    density: graph.order > 1 ? density(graph) : 0,
    isolated: graph.nodes().filter((n) => graph.degree(n) === 0).length,
    groups,
    byPerson,
  };
}

/**
 * Positions for drawing, from the fuller network, so the "before" and
 * "after" pictures put each person in the same place: a circle, then
 * ForceAtlas2 (deterministic from the same start), scaled into the box.
 */
export function layout(people: NetworkPerson[], edges: NetworkEdge[], box = { width: 760, height: 520, margin: 40 }): Map<string, { x: number; y: number }> {
  const graph = graphOf(
    [...people].sort((a, b) => a.fullName.localeCompare(b.fullName) || a.id.localeCompare(b.id)),
    edges,
  );
  circular.assign(graph);
  if (graph.size > 0)
    forceAtlas2.assign(graph, { iterations: 500, settings: { ...forceAtlas2.inferSettings(graph), gravity: 0.5, scalingRatio: 30, adjustSizes: false } });
  const xs = graph.mapNodes((_, a) => a.x as number);
  const ys = graph.mapNodes((_, a) => a.y as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Stretched to fill the box each way: a network drawing has no true proportions, and the names need the room.
  const scaleX = (box.width - 2 * box.margin) / (maxX - minX || 1);
  const scaleY = (box.height - 2 * box.margin) / (maxY - minY || 1);
  const positions = new Map<string, { x: number; y: number }>();
  graph.forEachNode((node, a) => {
    const x = maxX > minX ? box.margin + ((a.x as number) - minX) * scaleX : box.width / 2;
    const y = maxY > minY ? box.margin + ((a.y as number) - minY) * scaleY : box.height / 2;
    positions.set(node, { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
  });
  return positions;
}
