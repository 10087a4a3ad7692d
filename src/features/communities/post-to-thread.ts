import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { checkAttachment, storeAttachment } from './attach-file.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import type { Community, Thread } from './queries.ts';
import type { ReplyInput, ThreadInput } from './schemas.ts';
import { mentionedMembers } from './mentions.ts';
import { indexThread } from './search-text.ts';
import { communityPosts, communityThreads } from './tables.ts';
import { notifyHelped, notifyReplied, notifyThreadStarted, startFollowing } from './thread-notifications.ts';

/** Start a discussion or a challenge in a community one belongs to, with a file if one was chosen. */
export async function startThread(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, input: ThreadInput): Promise<string> {
  const { attachment, ...fields } = input;
  const file = await checkAttachment(attachment);
  return runOperation(db, ctx, 'start a thread', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(communityPolicy.post(access), 'Join the community to start a thread in it.');
    const mentioned = await mentionedMembers(tx, workspaceId, community.id, input.body);
    const [thread] = await tx
      .insert(communityThreads)
      .values({ workspaceId, communityId: community.id, ...fields, authorPersonId: member.personId || null })
      .returning({ id: communityThreads.id });
    if (file) await storeAttachment(tx, workspaceId, { threadId: thread.id, postId: null }, member.personId || null, file);
    await indexThread(tx, workspaceId, thread.id);
    await startFollowing(tx, workspaceId, thread.id, member.personId || null);
    await notifyThreadStarted(
      tx,
      {
        workspaceId,
        community,
        thread: { id: thread.id, title: input.title },
        actor: { personId: member.personId || null, name: actor.name },
        body: input.body,
      },
      mentioned,
      input.kind,
    );
    await audit({
      action: 'community.thread_started',
      entityType: 'community_thread',
      entityId: thread.id,
      summary: `Started the ${input.kind === 'challenge' ? 'challenge' : 'discussion'} “${input.title}” in “${community.name}”`,
    });
    return thread.id;
  });
}

/** Reply in a thread, with a file if one was chosen: only members, and never in a locked thread. */
export async function replyToThread(
  db: Db,
  ctx: OperationContext,
  community: Community,
  access: CommunityAccess,
  thread: Thread,
  input: ReplyInput,
): Promise<string> {
  const file = await checkAttachment(input.attachment);
  return runOperation(db, ctx, 'reply in a thread', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(communityPolicy.post(access), 'Join the community to reply in it.');
    if (thread.lockedAt) throw new RuleError('body', 'This thread is locked: no more replies can be added.');
    const mentioned = await mentionedMembers(tx, workspaceId, community.id, input.body);
    const [post] = await tx
      .insert(communityPosts)
      .values({ workspaceId, threadId: thread.id, body: input.body, authorPersonId: member.personId || null })
      .returning({ id: communityPosts.id });
    if (file) await storeAttachment(tx, workspaceId, { threadId: thread.id, postId: post.id }, member.personId || null, file);
    await tx
      .update(communityThreads)
      .set({ replyCount: sql`${communityThreads.replyCount} + 1`, lastPostAt: sql`now()` })
      .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, thread.id)));
    await indexThread(tx, workspaceId, thread.id);
    await notifyReplied(
      tx,
      { workspaceId, community, thread, actor: { personId: member.personId || null, name: actor.name }, body: input.body, postId: post.id },
      mentioned,
    );
    await startFollowing(tx, workspaceId, thread.id, member.personId || null);
    await audit({ action: 'community.replied', entityType: 'community_post', entityId: post.id, summary: `Replied in “${thread.title}”` });
    return post.id;
  });
}

/**
 * On a challenge, mark a reply as one that helped, or take the mark back. A
 * challenge with at least one helpful answer is solved; with none, open again.
 */
export function markHelpful(
  db: Db,
  ctx: OperationContext,
  community: Community,
  access: CommunityAccess,
  thread: Thread,
  postId: string,
  helpful: boolean,
): Promise<boolean> {
  return runOperation(db, ctx, 'mark an answer helpful', async ({ tx, workspaceId, member, actor, authorize, audit, publish }) => {
    authorize(communityPolicy.markHelpful(access, thread), 'Only the person who asked, or a moderator, marks which answers helped.');
    if (thread.kind !== 'challenge') throw new RuleError('', 'Only answers to a challenge are marked as helpful.');
    const [post] = await tx
      .update(communityPosts)
      .set({ helpful, updatedAt: new Date() })
      .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, thread.id), eq(communityPosts.id, postId)))
      .returning({ id: communityPosts.id, body: communityPosts.body, authorPersonId: communityPosts.authorPersonId });
    if (!post) throw new RuleError('', 'That answer is not in this thread.');
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(communityPosts)
      .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, thread.id), eq(communityPosts.helpful, true)));
    const solved = Number(n) > 0;
    await tx
      .update(communityThreads)
      .set({ solvedAt: solved ? (thread.solvedAt ?? new Date()) : null, updatedAt: new Date() })
      .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, thread.id)));
    if (helpful)
      await notifyHelped(
        tx,
        { workspaceId, community, thread, actor: { personId: member.personId || null, name: actor.name }, body: post.body, postId },
        post.authorPersonId,
        solved && !thread.solvedAt,
      );
    await audit({
      action: helpful ? 'community.answer_helped' : 'community.answer_unmarked',
      entityType: 'community_post',
      entityId: postId,
      summary: helpful ? `Marked an answer in “${thread.title}” as one that helped` : `Took back the “helped” mark on an answer in “${thread.title}”`,
    });
    if (solved && !thread.solvedAt)
      await publish({
        type: 'thread.solved',
        entityType: 'community_thread',
        entityId: thread.id,
        data: {
          thread: { id: thread.id, title: thread.title, path: `/w/${ctx.workspace.slug}/communities/${community.id}/threads/${thread.id}` },
          community: { id: community.id, name: community.name },
          helpfulAnswer: { id: postId },
        },
      });
    return solved;
  });
}
