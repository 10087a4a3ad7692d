import { count, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';

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
