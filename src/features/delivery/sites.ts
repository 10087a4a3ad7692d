import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { checkpointReturns, deliverySites, siteContacts, type SiteContactRole } from './tables.ts';

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
    .innerJoin(organisations, eq(organisations.id, deliverySites.organisationId))
    .leftJoin(hubs, eq(hubs.id, organisations.parentId))
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
      .innerJoin(people, eq(people.id, siteContacts.personId))
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
    .innerJoin(deliverySites, eq(deliverySites.id, siteContacts.siteId))
    .where(and(eq(siteContacts.workspaceId, workspaceId), eq(siteContacts.personId, personId), eq(deliverySites.programmeId, programmeId)));
}

/** Whether this person works for a government department: the "centre" side of the loop. */
export async function isDepartmentPerson(db: Executor, workspaceId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ kind: organisations.kind })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
  return row?.kind === 'department';
}

export class SiteRuleError extends Error {}

/** Add organisations as sites; a hub or region adds every authority beneath it. Returns how many were new. */
export async function addSites(db: Db, ctx: WorkspaceContext, programmeId: string, organisationId: string): Promise<number> {
  if (!isUuid(organisationId)) throw new NotFoundError();
  const workspaceId = ctx.workspace.id;
  return db.transaction(async (tx) => {
    const [chosen] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, organisationId)));
    if (!chosen) throw new SiteRuleError('Choose an organisation from the list');
    let ids = [chosen.id];
    if (chosen.kind === 'hub' || chosen.kind === 'region') {
      // Authorities are children of hubs, which may be children of regions: walk two levels down.
      const children = await tx
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.parentId, chosen.id)));
      const grandchildren = children.length
        ? await tx
            .select({ id: organisations.id, kind: organisations.kind })
            .from(organisations)
            .where(
              and(
                eq(organisations.workspaceId, workspaceId),
                inArray(
                  organisations.parentId,
                  children.map((c) => c.id),
                ),
              ),
            )
        : [];
      ids = [...children, ...grandchildren].filter((o) => o.kind !== 'hub' && o.kind !== 'region').map((o) => o.id);
      if (!ids.length)
        throw new SiteRuleError(`${chosen.name} has no authorities beneath it yet. Set each authority’s parent organisation to ${chosen.name} first.`);
    } else if (chosen.kind === 'department') {
      throw new SiteRuleError('A department is the centre of the programme, not a delivery site. Choose a local authority, hub or region.');
    }
    const added = await tx
      .insert(deliverySites)
      .values(ids.map((id) => ({ workspaceId, programmeId, organisationId: id })))
      .onConflictDoNothing()
      .returning({ id: deliverySites.id });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.sites_added',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Added ${added.length} site${added.length === 1 ? '' : 's'} from ${chosen.name}`,
    });
    return added.length;
  });
}

export async function removeSite(db: Db, ctx: WorkspaceContext, programmeId: string, siteId: string): Promise<string> {
  const site = await findSite(db, ctx.workspace.id, programmeId, siteId);
  if (!site) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .select({ id: checkpointReturns.id })
      .from(checkpointReturns)
      .where(and(eq(checkpointReturns.workspaceId, ctx.workspace.id), eq(checkpointReturns.siteId, siteId)))
      .limit(1);
    if (used)
      throw new SiteRuleError(`${site.name} has returns, so it stays in the programme to keep them. Its returns are still shown in the dashboard history.`);
    await tx.delete(deliverySites).where(and(eq(deliverySites.workspaceId, ctx.workspace.id), eq(deliverySites.id, siteId)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'delivery.site_removed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Removed ${site.name} from the programme’s sites`,
    });
    return site.name;
  });
}

/** Make someone a site's lead or contact. They join the programme's cohort, so they can open its pages. */
export async function setSiteContact(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  siteId: string,
  personId: string,
  role: SiteContactRole,
): Promise<string> {
  const workspaceId = ctx.workspace.id;
  const site = await findSite(db, workspaceId, programmeId, siteId);
  if (!site) throw new NotFoundError();
  if (!isUuid(personId)) throw new SiteRuleError('Choose a person from the list');
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
    if (!person) throw new SiteRuleError('Choose a person from the list');
    await tx
      .insert(siteContacts)
      .values({ workspaceId, siteId, personId, role })
      .onConflictDoUpdate({ target: [siteContacts.siteId, siteContacts.personId], set: { role } });
    await tx.insert(cohortMembers).values({ workspaceId, programmeId, personId, role: 'participant' }).onConflictDoNothing();
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.site_contact_set',
      entityType: 'programme',
      entityId: programmeId,
      summary: `${person.name} is now ${role === 'lead' ? 'a lead' : 'a contact'} for ${site.name}`,
    });
    return person.name;
  });
}

export async function removeSiteContact(db: Db, ctx: WorkspaceContext, programmeId: string, siteId: string, personId: string): Promise<void> {
  const site = await findSite(db, ctx.workspace.id, programmeId, siteId);
  if (!site || !isUuid(personId)) throw new NotFoundError();
  await db
    .delete(siteContacts)
    .where(and(eq(siteContacts.workspaceId, ctx.workspace.id), eq(siteContacts.siteId, siteId), eq(siteContacts.personId, personId)));
}

/** Organisations that can be added: authorities, hubs and regions not yet in the programme. */
export async function siteOptions(db: Executor, workspaceId: string, programmeId: string) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, taken: deliverySites.id })
    .from(organisations)
    .leftJoin(deliverySites, and(eq(deliverySites.organisationId, organisations.id), eq(deliverySites.programmeId, programmeId)))
    .where(and(eq(organisations.workspaceId, workspaceId), inArray(organisations.kind, ['local_authority', 'hub', 'region', 'provider', 'charity', 'other'])))
    .orderBy(asc(organisations.kind), asc(organisations.name));
  return rows.filter((row) => !row.taken);
}
