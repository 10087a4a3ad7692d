import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { ssoProviders, ssoRules } from './tables.ts';

export type SsoProvider = typeof ssoProviders.$inferSelect;

/** A workspace's provider, if it has one. */
export async function providerOf(db: Executor, workspaceId: string): Promise<SsoProvider | undefined> {
  const [provider] = await db.select().from(ssoProviders).where(eq(ssoProviders.workspaceId, workspaceId));
  return provider;
}

/** Whether the workspace's members must sign in through its provider. */
export async function ssoRequiredOf(db: Executor, workspaceId: string): Promise<boolean> {
  const [workspace] = await db.select({ ssoRequired: workspaces.ssoRequired }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return workspace?.ssoRequired ?? false;
}

/** A workspace by its address, with its provider when that is turned on: where a sign-in link leads. */
export async function signInTargetBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name }, provider: ssoProviders })
    .from(workspaces)
    .innerJoin(ssoProviders, and(eq(ssoProviders.workspaceId, workspaces.id), eq(ssoProviders.enabled, true)))
    .where(eq(workspaces.slug, slug));
  return row;
}

/** The rules in the order they are tried, with their organisation's name. */
export function rulesOf(db: Executor, workspaceId: string) {
  return db
    .select({
      id: ssoRules.id,
      position: ssoRules.position,
      emailDomain: ssoRules.emailDomain,
      claimName: ssoRules.claimName,
      claimValue: ssoRules.claimValue,
      organisationId: ssoRules.organisationId,
      organisationName: organisations.name,
      role: ssoRules.role,
    })
    .from(ssoRules)
    .leftJoin(organisations, and(eq(organisations.workspaceId, ssoRules.workspaceId), eq(organisations.id, ssoRules.organisationId)))
    .where(eq(ssoRules.workspaceId, workspaceId))
    .orderBy(asc(ssoRules.position), asc(ssoRules.createdAt));
}
export type SsoRule = Awaited<ReturnType<typeof rulesOf>>[number];

/**
 * Workspaces whose provider is on and that have a rule for an e-mail domain:
 * where "sign in with single sign-on" sends someone who gives their address.
 * The one question asked across workspaces, by design: the person is not yet
 * in any of them.
 */
export function workspacesForDomain(db: Executor, domain: string) {
  return db
    .selectDistinct({ slug: workspaces.slug, name: workspaces.name, displayName: ssoProviders.displayName })
    .from(ssoRules)
    .innerJoin(ssoProviders, and(eq(ssoProviders.workspaceId, ssoRules.workspaceId), eq(ssoProviders.enabled, true)))
    .innerJoin(workspaces, eq(workspaces.id, ssoRules.workspaceId))
    .where(eq(ssoRules.emailDomain, sql`${domain.toLowerCase()}`))
    .orderBy(asc(workspaces.name));
}
