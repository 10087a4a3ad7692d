import { and, asc, count, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { Page } from '../../core/http/pagination.ts';
import { snippetsFor } from '../search/snippets.ts';
import { parseQuery } from '../search/query.ts';
import { searchRanked } from '../search/search.ts';
import { topics } from '../topics/tables.ts';
import { ATTACHMENT_KIND } from './search-text.ts';
import { evidenceAttachments, evidenceItems, evidenceTopics, sourceTypes, strengthRatings, type SourceType, type StrengthRating } from './tables.ts';

export interface EvidenceFilters {
  q: string;
  sourceTypes: SourceType[];
  strengths: StrengthRating[];
  topicIds: string[];
  yearFrom?: number;
  yearTo?: number;
  population: string;
}

export type EvidenceSort = 'relevance' | 'newest';

/** How many ranked matches a search considers before filters and facets. */
const CANDIDATES = 1000;

type Dimension = 'sourceType' | 'strength' | 'topic' | 'year' | 'population';

function conditions(workspaceId: string, filters: EvidenceFilters, candidateIds: string[] | undefined, except?: Dimension): SQL {
  const parts: SQL[] = [eq(evidenceItems.workspaceId, workspaceId)];
  if (candidateIds) parts.push(candidateIds.length ? inArray(evidenceItems.id, candidateIds) : sql`FALSE`);
  if (except !== 'sourceType' && filters.sourceTypes.length) parts.push(inArray(evidenceItems.sourceType, filters.sourceTypes));
  if (except !== 'strength' && filters.strengths.length) parts.push(inArray(evidenceItems.strength, filters.strengths));
  if (except !== 'year' && filters.yearFrom) parts.push(gte(evidenceItems.year, filters.yearFrom));
  if (except !== 'year' && filters.yearTo) parts.push(lte(evidenceItems.year, filters.yearTo));
  if (except !== 'population' && filters.population) parts.push(eq(evidenceItems.population, filters.population));
  if (except !== 'topic') {
    for (const topicId of filters.topicIds.filter(isUuid)) {
      parts.push(
        exists(
          sql`(SELECT 1 FROM ${evidenceTopics} WHERE ${evidenceTopics.workspaceId} = ${evidenceItems.workspaceId} AND ${evidenceTopics.evidenceId} = ${evidenceItems.id} AND ${evidenceTopics.topicId} = ${topicId})`,
        ),
      );
    }
  }
  return and(...parts)!;
}

/**
 * The library's search: ranked matches for the query (or everything), narrowed
 * by filters, with facet counts (each facet counted under the other filters, so
 * choosing one source type still shows how many of the others there are).
 */
/** Ranked hits to item ids: a hit in an attached file counts for its item, at the file's rank if that is better. */
async function itemsForHits(db: Executor, workspaceId: string, hits: Array<{ kind: string; sourceId: string }>): Promise<string[]> {
  const fileIds = hits.filter((hit) => hit.kind === ATTACHMENT_KIND).map((hit) => hit.sourceId);
  const owner = new Map<string, string>();
  if (fileIds.length) {
    const found = await db
      .select({ id: evidenceAttachments.id, evidenceId: evidenceAttachments.evidenceId })
      .from(evidenceAttachments)
      .where(and(eq(evidenceAttachments.workspaceId, workspaceId), inArray(evidenceAttachments.id, fileIds)));
    for (const row of found) owner.set(row.id, row.evidenceId);
  }
  const ids = new Set<string>();
  for (const hit of hits) {
    const id = hit.kind === ATTACHMENT_KIND ? owner.get(hit.sourceId) : hit.sourceId;
    if (id) ids.add(id);
  }
  return [...ids];
}

export async function searchEvidence(db: Executor, workspaceId: string, filters: EvidenceFilters, sort: EvidenceSort, page: Page) {
  const parsed = parseQuery(filters.q);
  let candidateIds: string[] | undefined;
  let rank = new Map<string, number>();
  if (filters.q.trim()) {
    const hits = parsed.text ? await searchRanked(db, workspaceId, parsed, { kinds: ['evidence', ATTACHMENT_KIND], limit: CANDIDATES }) : [];
    candidateIds = await itemsForHits(db, workspaceId, hits);
    rank = new Map(candidateIds.map((id, i) => [id, i]));
  }
  const where = conditions(workspaceId, filters, candidateIds);
  const byRelevance = candidateIds && sort === 'relevance';
  const order = byRelevance
    ? [sql`array_position(${`{${candidateIds!.join(',')}}`}::uuid[], ${evidenceItems.id})`]
    : [sql`${evidenceItems.year} DESC NULLS LAST`, desc(evidenceItems.createdAt), asc(evidenceItems.id)];

  const [items, [{ total }], facets] = await Promise.all([
    db
      .select({
        id: evidenceItems.id,
        title: evidenceItems.title,
        authors: evidenceItems.authors,
        year: evidenceItems.year,
        publisher: evidenceItems.publisher,
        sourceType: evidenceItems.sourceType,
        strength: evidenceItems.strength,
        summary: evidenceItems.summary,
        abstract: evidenceItems.abstract,
      })
      .from(evidenceItems)
      .where(where)
      .orderBy(...order)
      .limit(page.size)
      .offset(page.offset),
    db.select({ total: count() }).from(evidenceItems).where(where),
    facetCounts(db, workspaceId, filters, candidateIds),
  ]);

  const snippets = await snippetsFor(
    db,
    workspaceId,
    parsed.text,
    'evidence',
    items.map((item) => item.id),
  );
  return {
    items: items.map((item) => ({ ...item, snippetHtml: snippets.get(item.id), rank: rank.get(item.id) })),
    total,
    facets,
  };
}

async function facetCounts(db: Executor, workspaceId: string, filters: EvidenceFilters, candidateIds: string[] | undefined) {
  const [bySource, byStrength, byTopic, byYear, byPopulation] = await Promise.all([
    db
      .select({ value: evidenceItems.sourceType, n: count() })
      .from(evidenceItems)
      .where(conditions(workspaceId, filters, candidateIds, 'sourceType'))
      .groupBy(evidenceItems.sourceType),
    db
      .select({ value: evidenceItems.strength, n: count() })
      .from(evidenceItems)
      .where(conditions(workspaceId, filters, candidateIds, 'strength'))
      .groupBy(evidenceItems.strength),
    db
      .select({ value: topics.id, name: topics.name, n: count() })
      .from(evidenceTopics)
      .innerJoin(evidenceItems, and(eq(evidenceItems.workspaceId, evidenceTopics.workspaceId), eq(evidenceItems.id, evidenceTopics.evidenceId)))
      .innerJoin(topics, and(eq(topics.workspaceId, evidenceTopics.workspaceId), eq(topics.id, evidenceTopics.topicId)))
      .where(conditions(workspaceId, filters, candidateIds, 'topic'))
      .groupBy(topics.id, topics.name)
      .orderBy(desc(count()), asc(topics.name))
      .limit(30),
    db
      .select({ value: evidenceItems.year, n: count() })
      .from(evidenceItems)
      .where(conditions(workspaceId, filters, candidateIds, 'year'))
      .groupBy(evidenceItems.year)
      .orderBy(desc(evidenceItems.year)),
    db
      .select({ value: evidenceItems.population, n: count() })
      .from(evidenceItems)
      .where(and(conditions(workspaceId, filters, candidateIds, 'population'), sql`${evidenceItems.population} <> ''`))
      .groupBy(evidenceItems.population)
      .orderBy(desc(count()))
      .limit(20),
  ]);
  const counted = <T extends string>(values: readonly T[], list: Array<{ value: string | null; n: number }>) =>
    values.map((value) => ({ value, n: list.find((row) => row.value === value)?.n ?? 0 }));
  return {
    sourceTypes: counted(sourceTypes, bySource),
    strengths: counted(strengthRatings, byStrength),
    topics: byTopic,
    years: byYear.filter((row) => row.value !== null) as Array<{ value: number; n: number }>,
    populations: byPopulation,
  };
}

/** One item of this workspace's library, or undefined (also for an id that is not one). */
export async function findEvidence(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [item] = await db
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, id)));
  return item;
}

/** An item with its topics, for its own page. */
export async function evidenceWithTopics(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [item] = await db
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, id)));
  if (!item) return undefined;
  const itemTopics = await db
    .select({ id: topics.id, name: topics.name })
    .from(evidenceTopics)
    .innerJoin(topics, and(eq(topics.workspaceId, evidenceTopics.workspaceId), eq(topics.id, evidenceTopics.topicId)))
    .where(and(eq(evidenceTopics.workspaceId, workspaceId), eq(evidenceTopics.evidenceId, id)))
    .orderBy(asc(topics.name));
  return { item, topics: itemTopics };
}

/** Evidence items in the library that speak to a piece of text (a need, a session's theme), best first. */
export async function evidenceMatching(db: Executor, workspaceId: string, text: string, limit = 3) {
  const hits = await searchRanked(db, workspaceId, text.slice(0, 1000), { kinds: ['evidence'], limit });
  if (hits.length === 0) return [];
  const items = await db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      year: evidenceItems.year,
      sourceType: evidenceItems.sourceType,
      strength: evidenceItems.strength,
    })
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.workspaceId, workspaceId),
        inArray(
          evidenceItems.id,
          hits.map((hit) => hit.sourceId),
        ),
      ),
    );
  const order = new Map(hits.map((hit, index) => [hit.sourceId, index]));
  return items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
