import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { mentionedIn, mentionedMembers } from './mentions.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import type { Community, Thread } from './queries.ts';
import type { ReplyInput } from './schemas.ts';
import { indexThread } from './search-text.ts';
import { communityPosts } from './tables.ts';
import { notifyEdited } from './thread-notifications.ts';

/** The post in this thread, for its author to change. */
export async function postToEdit(db: Executor, workspaceId: string, threadId: string, postId: string) {
  const [post] = await db
    .select()
    .from(communityPosts)
    .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, threadId), eq(communityPosts.id, postId)));
  if (!post) throw new NotFoundError();
  return post;
}

/**
 * Change one's own reply: only its author, while they may still post in the
 * community, and not once the thread is locked or a moderator hid the post.
 * The change is marked "edited" and kept in the audit log; people newly
 * mentioned are told.
 */
export function editPost(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, thread: Thread, postId: string, input: ReplyInput) {
  return runOperation(db, ctx, 'edit a post', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    const post = await postToEdit(tx, workspaceId, thread.id, postId);
    authorize(communityPolicy.editPost(access, post), 'Only the person who wrote a post can change it.');
    if (thread.lockedAt) throw new RuleError('body', 'This thread is locked: its posts can no longer be changed.');
    if (post.hiddenAt) throw new RuleError('body', 'A moderator hid this post, so it can no longer be changed.');
    if (post.body === input.body) return post.id;
    const mentioned = await mentionedMembers(tx, workspaceId, community.id, input.body);
    const before = await mentionedIn(tx, workspaceId, community.id, post.body);
    await tx
      .update(communityPosts)
      .set({ body: input.body, editedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.id, post.id)));
    await indexThread(tx, workspaceId, thread.id);
    await notifyEdited(
      tx,
      { workspaceId, community, thread, actor: { personId: member.personId || null, name: actor.name }, body: input.body, postId },
      mentioned,
      before,
    );
    await audit({
      action: 'community.post_edited',
      entityType: 'community_post',
      entityId: post.id,
      summary: `Changed a reply in “${thread.title}”`,
      changes: { body: { from: post.body, to: input.body } },
    });
    return post.id;
  });
}
