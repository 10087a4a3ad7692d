import { count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { auditEvents, workspaces } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';

export async function countWorkspaces(db: Executor): Promise<number> {
  const [row] = await db.select({ total: count() }).from(workspaces);
  return row.total;
}

export async function findWorkspaceBySlug(db: Executor, slug: string) {
  const [workspace] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  return workspace;
}

/** How many people, organisations and topics the workspace holds, for its home page. */
export async function workspaceFigures(db: Executor, workspaceId: string) {
  const total = async (table: typeof people | typeof organisations | typeof topics) =>
    (await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId)))[0].n;
  const [peopleCount, organisationCount, topicCount] = await Promise.all([total(people), total(organisations), total(topics)]);
  return { people: peopleCount, organisations: organisationCount, topics: topicCount };
}

/** The latest entries of the audit log, for staff on the home page. */
export async function recentActivity(db: Executor, workspaceId: string, limit = 8) {
  return db
    .select({ summary: auditEvents.summary, actorName: auditEvents.actorName, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
