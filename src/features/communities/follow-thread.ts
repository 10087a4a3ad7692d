import type { Db } from '../../core/db/client.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import type { Thread } from './queries.ts';
import { setFollowing } from './thread-notifications.ts';

/** Follow a thread (to hear of its replies), or stop following it. */
export function followThread(db: Db, ctx: OperationContext, access: CommunityAccess, thread: Thread, following: boolean): Promise<void> {
  return runOperation(db, ctx, 'follow a thread', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(communityPolicy.follow(access), 'Only people who can read the thread can follow it.');
    await setFollowing(tx, workspaceId, thread.id, member.personId, following);
    await audit({
      action: following ? 'community.thread_followed' : 'community.thread_unfollowed',
      entityType: 'community_thread',
      entityId: thread.id,
      summary: following ? `Followed “${thread.title}”` : `Stopped following “${thread.title}”`,
    });
  });
}
