import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { organisations } from '../../organisations/tables.ts';
import { people } from '../../people/tables.ts';
import { deliverySites, siteContacts, type SiteContactRole } from '../tables.ts';

export interface SiteContact {
  personId: string;
  name: string;
  email: string | null;
  jobTitle: string;
  role: SiteContactRole;
}

export interface Site {
  id: string;
  organisationId: string;
  name: string;
  hubId: string | null;
  hub: string;
  region: string;
  contacts: SiteContact[];
}

const hubs = alias(organisations, 'hub');

/** The programme's sites with their hub and region, sorted by hub then name. */
export async function sitesOf(db: Executor, workspaceId: string, programmeId: string, options: { contacts?: boolean; siteId?: string } = {}): Promise<Site[]> {
  const rows = await db
    .select({
      id: deliverySites.id,
      organisationId: deliverySites.organisationId,
      name: organisations.name,
      hubId: hubs.id,
      hub: hubs.name,
      region: sql<string>`coalesce(nullif(${hubs.region}, ''), ${organisations.region})`,
    })
    .from(deliverySites)
    .innerJoin(organisations, and(eq(organisations.workspaceId, deliverySites.workspaceId), eq(organisations.id, deliverySites.organisationId)))
    .leftJoin(hubs, and(eq(hubs.workspaceId, organisations.workspaceId), eq(hubs.id, organisations.parentId)))
    .where(
      and(
        eq(deliverySites.workspaceId, workspaceId),
        eq(deliverySites.programmeId, programmeId),
        options.siteId ? eq(deliverySites.id, options.siteId) : undefined,
      ),
    )
    .orderBy(asc(sql`coalesce(${hubs.name}, '')`), asc(organisations.name));
  const sites: Site[] = rows.map((row) => ({ ...row, hub: row.hub ?? '', region: row.region ?? '', contacts: [] }));
  if (options.contacts !== false && sites.length) {
    const contacts = await db
      .select({
        siteId: siteContacts.siteId,
        personId: people.id,
        name: people.fullName,
        email: people.email,
        jobTitle: people.jobTitle,
        role: siteContacts.role,
      })
      .from(siteContacts)
      .innerJoin(people, and(eq(people.workspaceId, siteContacts.workspaceId), eq(people.id, siteContacts.personId)))
      .where(
        and(
          eq(siteContacts.workspaceId, workspaceId),
          inArray(
            siteContacts.siteId,
            sites.map((s) => s.id),
          ),
        ),
      )
      .orderBy(asc(siteContacts.role), asc(people.fullName));
    const byId = new Map(sites.map((s) => [s.id, s]));
    for (const { siteId, ...contact } of contacts) byId.get(siteId)?.contacts.push(contact);
  }
  return sites;
}

export async function findSite(db: Executor, workspaceId: string, programmeId: string, siteId: string): Promise<Site | undefined> {
  if (!isUuid(siteId)) return undefined;
  const [site] = await sitesOf(db, workspaceId, programmeId, { siteId });
  return site;
}

/** The sites this person answers for, as lead or contact. */
export async function sitesOfPerson(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  personId: string,
): Promise<Array<{ siteId: string; role: SiteContactRole }>> {
  return db
    .select({ siteId: siteContacts.siteId, role: siteContacts.role })
    .from(siteContacts)
    .innerJoin(deliverySites, and(eq(deliverySites.workspaceId, siteContacts.workspaceId), eq(deliverySites.id, siteContacts.siteId)))
    .where(and(eq(siteContacts.workspaceId, workspaceId), eq(siteContacts.personId, personId), eq(deliverySites.programmeId, programmeId)));
}

/** Whether this person works for a government department: the "centre" side of the loop. */
export async function isDepartmentPerson(db: Executor, workspaceId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ kind: organisations.kind })
    .from(people)
    .innerJoin(organisations, and(eq(organisations.workspaceId, people.workspaceId), eq(organisations.id, people.organisationId)))
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
  return row?.kind === 'department';
}

/** Organisations that can be added: authorities, hubs and regions not yet in the programme. */
export async function siteOptions(db: Executor, workspaceId: string, programmeId: string) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, taken: deliverySites.id })
    .from(organisations)
    .leftJoin(
      deliverySites,
      and(
        eq(deliverySites.workspaceId, organisations.workspaceId),
        eq(deliverySites.organisationId, organisations.id),
        eq(deliverySites.programmeId, programmeId),
      ),
    )
    .where(and(eq(organisations.workspaceId, workspaceId), inArray(organisations.kind, ['local_authority', 'hub', 'region', 'provider', 'charity', 'other'])))
    .orderBy(asc(organisations.kind), asc(organisations.name));
  return rows.filter((row) => !row.taken);
}

/** Everyone in the workspace, to choose a site's leads and contacts from. */
export async function contactOptions(db: Executor, workspaceId: string) {
  return db.select({ value: people.id, text: people.fullName }).from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.fullName));
}
