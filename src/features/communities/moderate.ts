import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import type { Community, Thread } from './queries.ts';
import type { ReportInput } from './schemas.ts';
import { indexThread } from './search-text.ts';
import { communityMembers, communityPosts, communityReports, communityThreads } from './tables.ts';

async function postIn(tx: Executor, workspaceId: string, thread: Thread, postId: string) {
  const [post] = await tx
    .select({ id: communityPosts.id, hiddenAt: communityPosts.hiddenAt })
    .from(communityPosts)
    .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, thread.id), eq(communityPosts.id, postId)));
  if (!post) throw new NotFoundError();
  return post;
}

/** Tell the community's moderators about a post (or, with no post, the thread's opening): kept until a moderator deals with it. */
export function reportPost(db: Db, ctx: OperationContext, access: CommunityAccess, thread: Thread, postId: string | null, input: ReportInput): Promise<void> {
  return runOperation(db, ctx, 'report a post', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(communityPolicy.report(access), 'Only people who can read this community can report a post in it.');
    if (postId) await postIn(tx, workspaceId, thread, postId);
    await tx.insert(communityReports).values({ workspaceId, threadId: thread.id, postId, reason: input.reason, reportedByPersonId: member.personId || null });
    await audit({
      action: 'community.post_reported',
      entityType: postId ? 'community_post' : 'community_thread',
      entityId: postId ?? thread.id,
      summary: `Reported a post in “${thread.title}” to the moderators`,
    });
  });
}

/** Hide a post from members (moderators still see it, marked), or restore it; either deals with its reports. */
export function hidePost(db: Db, ctx: OperationContext, access: CommunityAccess, thread: Thread, postId: string, hide: boolean): Promise<void> {
  return runOperation(db, ctx, hide ? 'hide a post' : 'restore a post', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(communityPolicy.moderate(access), 'Only the community’s moderators hide and restore posts.');
    const post = await postIn(tx, workspaceId, thread, postId);
    if (Boolean(post.hiddenAt) === hide) throw new RuleError('', hide ? 'That post is already hidden.' : 'That post is not hidden.');
    await tx
      .update(communityPosts)
      .set({ hiddenAt: hide ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.id, postId)));
    await tx
      .update(communityReports)
      .set({ resolvedAt: new Date() })
      .where(and(eq(communityReports.workspaceId, workspaceId), eq(communityReports.postId, postId), isNull(communityReports.resolvedAt)));
    // A hidden post's words are not searchable either.
    await indexThread(tx, workspaceId, thread.id);
    await audit({
      action: hide ? 'community.post_hidden' : 'community.post_restored',
      entityType: 'community_post',
      entityId: postId,
      summary: `${hide ? 'Hid' : 'Restored'} a post in “${thread.title}”`,
    });
  });
}

/** Lock a thread (no more replies) or open it again. */
export function lockThread(db: Db, ctx: OperationContext, access: CommunityAccess, thread: Thread, lock: boolean): Promise<void> {
  return runOperation(db, ctx, lock ? 'lock a thread' : 'unlock a thread', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(communityPolicy.moderate(access), 'Only the community’s moderators lock threads.');
    if (Boolean(thread.lockedAt) === lock) throw new RuleError('', lock ? 'The thread is already locked.' : 'The thread is not locked.');
    await tx
      .update(communityThreads)
      .set({ lockedAt: lock ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, thread.id)));
    await audit({
      action: lock ? 'community.thread_locked' : 'community.thread_unlocked',
      entityType: 'community_thread',
      entityId: thread.id,
      summary: `${lock ? 'Locked' : 'Unlocked'} the thread “${thread.title}”`,
    });
  });
}

/** Take someone out of a community; what they posted stays. */
export function removeMember(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, personId: string, name: string): Promise<void> {
  return runOperation(db, ctx, 'remove a member', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(communityPolicy.moderate(access), 'Only the community’s moderators remove members.');
    const removed = await tx
      .delete(communityMembers)
      .where(and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, community.id), eq(communityMembers.personId, personId)))
      .returning({ personId: communityMembers.personId });
    if (!removed.length) throw new RuleError('', `${name} is not a member of this community.`);
    await audit({
      action: 'community.member_removed',
      entityType: 'community',
      entityId: community.id,
      summary: `Removed ${name} from the community “${community.name}”`,
    });
  });
}
