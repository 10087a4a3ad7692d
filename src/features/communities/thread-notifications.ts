import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { notify, plainExcerpt } from '../notifications/notify.ts';
import type { Mentioned } from './mentions.ts';
import { communityMembers, threadFollowers } from './tables.ts';

/** What a thread's notifications are about: opening the thread marks them read. */
export const threadSubject = (threadId: string) => `community_thread:${threadId}`;

/** The person follows the thread, unless they chose to stop following it before. */
export async function startFollowing(tx: Executor, workspaceId: string, threadId: string, personId: string | null): Promise<void> {
  if (!personId) return;
  await tx.insert(threadFollowers).values({ workspaceId, threadId, personId }).onConflictDoNothing();
}

async function followersOf(tx: Executor, workspaceId: string, threadId: string): Promise<string[]> {
  const found = await tx
    .select({ personId: threadFollowers.personId })
    .from(threadFollowers)
    .where(and(eq(threadFollowers.workspaceId, workspaceId), eq(threadFollowers.threadId, threadId), eq(threadFollowers.following, true)));
  return found.map((row) => row.personId);
}

async function membersOf(tx: Executor, workspaceId: string, communityId: string): Promise<string[]> {
  const found = await tx
    .select({ personId: communityMembers.personId })
    .from(communityMembers)
    .where(and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, communityId)));
  return found.map((row) => row.personId);
}

interface Happening {
  workspaceId: string;
  community: { id: string; name: string };
  thread: { id: string; title: string };
  actor: { personId: string | null; name: string };
  body: string;
  /** The post's anchor, for a reply. */
  postId?: string;
}

const place = (h: Happening) => ({
  scope: { kind: 'community', id: h.community.id },
  subjectKey: threadSubject(h.thread.id),
  path: `/communities/${h.community.id}/threads/${h.thread.id}${h.postId ? `#post-${h.postId}` : ''}`,
  actorPersonId: h.actor.personId,
  excerpt: plainExcerpt(h.body),
});

/** Tell the people mentioned; returns their ids, so nobody is told twice about one post. */
async function tellMentioned(tx: Executor, h: Happening, mentioned: Mentioned[]): Promise<Set<string>> {
  const ids = mentioned.map((person) => person.id);
  await notify(tx, h.workspaceId, ids, { ...place(h), kind: 'mention', title: `${h.actor.name} mentioned you in “${h.thread.title}”` });
  return new Set(ids);
}

/** A new thread: the people mentioned in it, then every other member of the community. */
export async function notifyThreadStarted(tx: Executor, h: Happening, mentioned: Mentioned[], kind: 'discussion' | 'challenge'): Promise<void> {
  const told = await tellMentioned(tx, h, mentioned);
  const others = (await membersOf(tx, h.workspaceId, h.community.id)).filter((id) => !told.has(id));
  const what = kind === 'challenge' ? 'asked' : 'started';
  await notify(tx, h.workspaceId, others, { ...place(h), kind: 'new_thread', title: `${h.actor.name} ${what} “${h.thread.title}” in ${h.community.name}` });
}

/** A reply: the people mentioned in it, then everyone following the thread. */
export async function notifyReplied(tx: Executor, h: Happening, mentioned: Mentioned[]): Promise<void> {
  const told = await tellMentioned(tx, h, mentioned);
  const followers = (await followersOf(tx, h.workspaceId, h.thread.id)).filter((id) => !told.has(id));
  await notify(tx, h.workspaceId, followers, { ...place(h), kind: 'reply', title: `${h.actor.name} replied in “${h.thread.title}”` });
}

/** A changed post: only people newly mentioned in it are told. */
export async function notifyEdited(tx: Executor, h: Happening, mentioned: Mentioned[], before: Mentioned[]): Promise<void> {
  const already = new Set(before.map((person) => person.id));
  await tellMentioned(
    tx,
    h,
    mentioned.filter((person) => !already.has(person.id)),
  );
}

/** An answer marked as one that helped: its author, and the followers when that solved the challenge. */
export async function notifyHelped(tx: Executor, h: Happening, answerAuthorId: string | null, newlySolved: boolean): Promise<void> {
  if (answerAuthorId)
    await notify(tx, h.workspaceId, [answerAuthorId], {
      ...place(h),
      kind: 'answer_helped',
      title: `${h.actor.name} marked your answer to “${h.thread.title}” as one that helped`,
    });
  if (!newlySolved) return;
  const followers = (await followersOf(tx, h.workspaceId, h.thread.id)).filter((id) => id !== answerAuthorId);
  await notify(tx, h.workspaceId, followers, { ...place(h), kind: 'solved', title: `“${h.thread.title}” is solved` });
}

/** Follow a thread again, or stop following it (kept, so replying later does not start it again). */
export async function setFollowing(tx: Executor, workspaceId: string, threadId: string, personId: string, following: boolean): Promise<void> {
  await tx
    .insert(threadFollowers)
    .values({ workspaceId, threadId, personId, following })
    .onConflictDoUpdate({ target: [threadFollowers.threadId, threadFollowers.personId, threadFollowers.workspaceId], set: { following } });
}

export async function isFollowing(tx: Executor, workspaceId: string, threadId: string, personId: string): Promise<boolean> {
  const [row] = await tx
    .select({ following: threadFollowers.following })
    .from(threadFollowers)
    .where(and(eq(threadFollowers.workspaceId, workspaceId), eq(threadFollowers.threadId, threadId), eq(threadFollowers.personId, personId)));
  return row?.following ?? false;
}
