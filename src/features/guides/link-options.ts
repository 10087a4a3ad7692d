import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';

/** What a step may link to: the workspace's lessons (published first) and its evidence, for the step form's lists. */
export async function linkOptions(db: Executor, workspaceId: string) {
  const [lessonItems, evidenceItems] = await Promise.all([
    rows<{ value: string; text: string }>(
      db,
      sql`select id as value, title || case when status <> 'published' then ' (' || status || ')' else '' end as text
            from lessons where workspace_id = ${workspaceId} order by status <> 'published', lower(title) limit 1000`,
    ),
    rows<{ value: string; text: string }>(
      db,
      sql`select id as value, title || coalesce(' (' || year || ')', '') as text from evidence_items where workspace_id = ${workspaceId} order by lower(title) limit 2000`,
    ),
  ]);
  return { lessonItems, evidenceItems };
}
