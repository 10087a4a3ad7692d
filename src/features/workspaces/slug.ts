import { eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'workspace';
}

/** A slug for a new workspace that no other workspace uses. */
export async function uniqueWorkspaceSlug(db: Executor, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const [taken] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, candidate));
    if (!taken) return candidate;
  }
  throw new Error('Could not find a free workspace address');
}
