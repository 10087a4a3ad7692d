import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { countOf } from '../../core/views/format.ts';
import type { TaskGroup } from './tasks.ts';

/**
 * A member's communities on the home page: threads with posts since their
 * last visit, and their own challenges that have answers but are not yet
 * marked solved (the asker decides which answers helped).
 */
export async function communityTasks(db: Executor, workspaceId: string, personId: string): Promise<TaskGroup | undefined> {
  const [news, challenges] = await Promise.all([
    rows<{ id: string; name: string; fresh: number }>(
      db,
      sql`select c.id, c.name,
            (select count(*)::int from community_threads t where t.workspace_id = c.workspace_id and t.community_id = c.id
               and t.last_post_at > coalesce(m.last_visited_at, m.joined_at)) as fresh
          from community_members m join communities c on c.workspace_id = m.workspace_id and c.id = m.community_id
          where m.workspace_id = ${workspaceId} and m.person_id = ${personId}
          order by c.name`,
    ),
    rows<{ id: string; communityId: string; title: string; replies: number }>(
      db,
      sql`select t.id, t.community_id as "communityId", t.title, t.reply_count as replies from community_threads t
          where t.workspace_id = ${workspaceId} and t.author_person_id = ${personId} and t.kind = 'challenge'
            and t.solved_at is null and t.reply_count > 0
          order by t.last_post_at desc limit 5`,
    ),
  ]);
  if (!news.length) return undefined;
  return {
    heading: 'In your communities',
    empty: 'Nothing new since your last visit. New threads and replies in your communities appear here.',
    tasks: [
      ...challenges.map((c) => ({
        text: `Mark the answers that helped: “${c.title}”`,
        href: `/communities/${c.communityId}/threads/${c.id}`,
        detail: `${countOf(c.replies, 'answer')} to your challenge`,
        state: { text: 'To do', tone: 'due' as const },
      })),
      ...news
        .filter((c) => c.fresh > 0)
        .map((c) => ({
          text: c.name,
          href: `/communities/${c.id}`,
          detail: `${countOf(c.fresh, 'thread')} with new posts`,
          state: { text: 'New', tone: 'info' as const },
        })),
    ],
  };
}
