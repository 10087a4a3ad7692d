import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { likePattern } from '../../core/db/like.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { Page } from '../../core/http/pagination.ts';
import { people } from '../people/tables.ts';
import { organisations, type OrganisationKind } from './tables.ts';

export interface OrganisationFilters {
  q?: string;
  kind?: OrganisationKind;
  region?: string;
  parentId?: string;
}

export async function listOrganisations(db: Executor, workspaceId: string, filters: OrganisationFilters, page: Page) {
  const parent = alias(organisations, 'parent');
  const conditions: SQL[] = [eq(organisations.workspaceId, workspaceId)];
  if (filters.q) conditions.push(or(ilike(organisations.name, likePattern(filters.q)), ilike(organisations.description, likePattern(filters.q)))!);
  if (filters.kind) conditions.push(eq(organisations.kind, filters.kind));
  if (filters.region) conditions.push(eq(organisations.region, filters.region));
  if (filters.parentId && isUuid(filters.parentId)) conditions.push(eq(organisations.parentId, filters.parentId));
  const where = and(...conditions);
  const peopleCount = db
    .select({ organisationId: people.organisationId, n: count().as('n') })
    .from(people)
    .where(eq(people.workspaceId, workspaceId))
    .groupBy(people.organisationId)
    .as('people_count');
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        region: organisations.region,
        parentId: organisations.parentId,
        parentName: parent.name,
        people: sql<number>`coalesce(${peopleCount.n}, 0)`.mapWith(Number),
      })
      .from(organisations)
      .leftJoin(parent, and(eq(parent.id, organisations.parentId), eq(parent.workspaceId, workspaceId)))
      .leftJoin(peopleCount, eq(peopleCount.organisationId, organisations.id))
      .where(where)
      .orderBy(asc(sql`lower(${organisations.name})`))
      .limit(page.size)
      .offset(page.offset),
    db.select({ total: count() }).from(organisations).where(where),
  ]);
  return { rows, total };
}

export async function findOrganisation(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, id)));
  return row;
}

export function childOrganisations(db: Executor, workspaceId: string, parentId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, region: organisations.region })
    .from(organisations)
    .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.parentId, parentId)))
    .orderBy(asc(organisations.name));
}

/** All organisations as {value, text} for a select box, with the parent's name to tell similar ones apart. */
export async function organisationOptions(db: Executor, workspaceId: string) {
  const rows = await db
    .select({ value: organisations.id, text: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${organisations.name})`));
  return rows.map(({ value, text }) => ({ value, text }));
}

/** The chain of parents above an organisation, nearest first, stopping at a loop or 20 levels. */
export async function ancestorsOf(db: Executor, workspaceId: string, id: string) {
  const chain: Array<{ id: string; name: string }> = [];
  let current = await findOrganisation(db, workspaceId, id);
  while (current?.parentId && chain.length < 20) {
    const parent = await findOrganisation(db, workspaceId, current.parentId);
    if (!parent || chain.some((item) => item.id === parent.id)) break;
    chain.push({ id: parent.id, name: parent.name });
    current = parent;
  }
  return chain;
}

/** The people recorded at an organisation, for its page (the people list filters the same way, with more). */
export function peopleAt(db: Executor, workspaceId: string, organisationId: string, limit = 200) {
  return db
    .select({ id: people.id, fullName: people.fullName, jobTitle: people.jobTitle })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.organisationId, organisationId)))
    .orderBy(asc(sql`lower(${people.fullName})`), asc(people.id))
    .limit(limit);
}
