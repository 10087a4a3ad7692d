import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { indexDocuments } from '../search/index-documents.ts';
import { communities, communityPosts, communityThreads } from './tables.ts';

/** Threads in the one search index, so "has anyone solved…" finds them by their words and their answers. */
export const THREAD_KIND = 'community_thread';

/** (Re)index one thread: its title, opening and every reply not hidden by a moderator, with the community's name to match on. */
export async function indexThread(tx: Executor, workspaceId: string, threadId: string): Promise<void> {
  const [thread] = await tx
    .select({ id: communityThreads.id, title: communityThreads.title, body: communityThreads.body, community: communities.name })
    .from(communityThreads)
    .innerJoin(communities, and(eq(communities.workspaceId, communityThreads.workspaceId), eq(communities.id, communityThreads.communityId)))
    .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, threadId)));
  if (!thread) return;
  const replies = await tx
    .select({ body: communityPosts.body })
    .from(communityPosts)
    .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, threadId), isNull(communityPosts.hiddenAt)))
    .orderBy(asc(communityPosts.createdAt));
  await indexDocuments(tx, workspaceId, [
    {
      kind: THREAD_KIND,
      sourceId: thread.id,
      title: thread.title,
      body: [thread.body, ...replies.map((r) => r.body)].join('\n\n'),
      keywords: thread.community,
    },
  ]);
}
