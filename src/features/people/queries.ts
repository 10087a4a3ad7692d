import { and, asc, count, eq, exists, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { Page } from '../../core/http/pagination.ts';
import type { Role } from '../../core/auth/roles.ts';
import { invitations, memberships } from '../access/tables.ts';
import { likePattern } from '../../core/db/like.ts';
import { organisations } from '../organisations/tables.ts';
import { topics } from '../topics/tables.ts';
import { people, personTopics } from './tables.ts';

export interface PeopleFilters {
  q?: string;
  organisationId?: string;
  region?: string;
  topicId?: string;
  /** A role, or "none" for people without an account here. */
  access?: Role | 'none';
  openToContact?: boolean;
}

export async function listPeople(db: Executor, workspaceId: string, filters: PeopleFilters, page: Page) {
  const conditions: SQL[] = [eq(people.workspaceId, workspaceId)];
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(or(ilike(people.fullName, pattern), ilike(people.jobTitle, pattern), ilike(people.bio, pattern), ilike(people.email, pattern))!);
  }
  if (filters.organisationId && isUuid(filters.organisationId)) conditions.push(eq(people.organisationId, filters.organisationId));
  if (filters.region) conditions.push(eq(people.region, filters.region));
  if (filters.openToContact) conditions.push(eq(people.openToContact, true));
  if (filters.topicId && isUuid(filters.topicId)) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(personTopics)
          .where(and(eq(personTopics.personId, people.id), eq(personTopics.topicId, filters.topicId))),
      ),
    );
  }
  if (filters.access === 'none') conditions.push(isNull(memberships.id));
  else if (filters.access) conditions.push(eq(memberships.role, filters.access));
  const where = and(...conditions);
  // The total comes with the page (a window count), saving a second query.
  const rows = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      jobTitle: people.jobTitle,
      region: people.region,
      organisationId: people.organisationId,
      organisationName: organisations.name,
      role: memberships.role,
      // Each person's topics come in the same query, not a second round trip.
      topics: sql<Array<{ id: string; name: string }>>`coalesce((
        select json_agg(json_build_object('id', ${topics.id}, 'name', ${topics.name}) order by ${topics.name})
        from ${personTopics} join ${topics} on ${topics.id} = ${personTopics.topicId}
        where ${personTopics.workspaceId} = ${workspaceId} and ${personTopics.personId} = ${people.id}
      ), '[]'::json)`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(people)
    .leftJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.workspaceId, workspaceId)))
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.workspaceId, workspaceId)))
    .where(where)
    .orderBy(asc(sql`lower(${people.fullName})`), asc(people.id))
    .limit(page.size)
    .offset(page.offset);
  const total =
    rows[0]?.total ??
    (page.offset === 0
      ? 0
      : (
          await db
            .select({ total: count() })
            .from(people)
            .leftJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.workspaceId, workspaceId)))
            .where(where)
        )[0].total);
  return { rows, total };
}

/** Topic names for many people at once, to avoid a query per row. */
export async function topicsFor(db: Executor, workspaceId: string, personIds: string[]) {
  const map = new Map<string, Array<{ id: string; name: string }>>();
  if (personIds.length === 0) return map;
  const rows = await db
    .select({ personId: personTopics.personId, id: topics.id, name: topics.name })
    .from(personTopics)
    .innerJoin(topics, and(eq(topics.workspaceId, personTopics.workspaceId), eq(topics.id, personTopics.topicId)))
    .where(and(eq(personTopics.workspaceId, workspaceId), inArray(personTopics.personId, personIds)))
    .orderBy(asc(topics.name));
  for (const row of rows) {
    const list = map.get(row.personId) ?? [];
    list.push({ id: row.id, name: row.name });
    map.set(row.personId, list);
  }
  return map;
}

export async function findPerson(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
  return person;
}

/** A person with what the profile page shows: organisation, topics, access and any open invitation. */
export async function personProfile(db: Executor, workspaceId: string, id: string) {
  const person = await findPerson(db, workspaceId, id);
  if (!person) return undefined;
  const [organisation, topicMap, [membership], [invitation]] = await Promise.all([
    person.organisationId
      ? db
          .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
          .from(organisations)
          .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, person.organisationId)))
          .then((rows) => rows[0])
      : Promise.resolve(undefined),
    topicsFor(db, workspaceId, [person.id]),
    db
      .select({ id: memberships.id, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, person.id))),
    db
      .select({ id: invitations.id, role: invitations.role, email: invitations.email, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.personId, person.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(sql`${invitations.createdAt} desc`)
      .limit(1),
  ]);
  return { person, organisation, topics: topicMap.get(person.id) ?? [], membership, invitation };
}

/** People with an account in the workspace, as select items: who may own a lesson or a guide, or succeed someone. */
export function memberOptions(db: Executor, workspaceId: string) {
  return rows<{ value: string; text: string }>(
    db,
    sql`select p.id as value, p.full_name as text from people p
         where p.workspace_id = ${workspaceId} and exists (select 1 from memberships m where m.workspace_id = p.workspace_id and m.person_id = p.id)
         order by p.full_name limit 2000`,
  );
}
