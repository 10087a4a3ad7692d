import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import type { FormErrors } from '../../core/http/forms.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import type { CommunityRequest } from './load.ts';
import { communityPolicy } from './policy.ts';
import { findPerson } from '../people/queries.ts';
import { findThread, postsOf } from './queries.ts';
import { isFollowing } from './thread-notifications.ts';

/**
 * A thread with its replies, as the page shows it to this person: Markdown
 * made safe, and a hidden post's words only for the moderators.
 */
export async function threadPage(db: Db, loaded: CommunityRequest, threadId: string, values: Record<string, unknown>, errors: FormErrors) {
  const thread = await findThread(db, loaded.ctx.workspace.id, loaded.community.id, threadId);
  if (!thread) throw new NotFoundError();
  const personId = loaded.ctx.member.personId;
  const [posts, author, following] = await Promise.all([
    postsOf(db, loaded.ctx.workspace.id, thread.id),
    thread.authorPersonId ? findPerson(db, loaded.ctx.workspace.id, thread.authorPersonId) : undefined,
    personId ? isFollowing(db, loaded.ctx.workspace.id, thread.id, personId) : false,
  ]);
  return {
    ...loaded,
    title: `${thread.title} – ${loaded.community.name}`,
    thread,
    opening: renderMarkdown(thread.body),
    author: author?.fullName ?? null,
    posts: posts.map((post) => ({
      ...post,
      html: post.hiddenAt && !loaded.canModerate ? '' : renderMarkdown(post.body),
      canEdit: !thread.lockedAt && !post.hiddenAt && communityPolicy.editPost(loaded.access, post),
    })),
    following,
    canFollow: communityPolicy.follow(loaded.access),
    canMarkHelpful: thread.kind === 'challenge' && communityPolicy.markHelpful(loaded.access, thread),
    canReport: communityPolicy.report(loaded.access),
    values,
    errors,
  };
}
