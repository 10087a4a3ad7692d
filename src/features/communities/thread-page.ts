import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import type { FormErrors } from '../../core/http/forms.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import type { CommunityRequest } from './load.ts';
import { communityPolicy } from './policy.ts';
import { findPerson } from '../people/queries.ts';
import { attachmentsOf, findThread, postsOf } from './queries.ts';
import { linkCards, referencesIn } from './link-cards.ts';
import { fileKindLabel } from '../../core/http/file-kinds.ts';
import { isFollowing } from './thread-notifications.ts';

/**
 * A thread with its replies, as the page shows it to this person: Markdown
 * made safe, and a hidden post's words only for the moderators.
 */
export async function threadPage(db: Db, loaded: CommunityRequest, threadId: string, values: Record<string, unknown>, errors: FormErrors) {
  const thread = await findThread(db, loaded.ctx.workspace.id, loaded.community.id, threadId);
  if (!thread) throw new NotFoundError();
  const personId = loaded.ctx.member.personId;
  const [posts, attachments, author, following] = await Promise.all([
    postsOf(db, loaded.ctx.workspace.id, thread.id),
    attachmentsOf(db, loaded.ctx.workspace.id, thread.id),
    thread.authorPersonId ? findPerson(db, loaded.ctx.workspace.id, thread.authorPersonId) : undefined,
    personId ? isFollowing(db, loaded.ctx.workspace.id, thread.id, personId) : false,
  ]);
  const shown = posts.filter((post) => !post.hiddenAt || loaded.canModerate);
  // Links to the workspace's own records become cards, loaded once for the whole thread.
  const slug = loaded.ctx.workspace.slug;
  const references = [thread.body, ...shown.map((post) => post.body)].map((text) => referencesIn(text, slug));
  const cards = await linkCards(db, loaded.ctx.workspace.id, loaded.ctx.member, references.flat());
  const cardsFor = (text: string) => referencesIn(text, slug).flatMap((ref) => cards.get(ref.path) ?? []);
  const filesFor = (postId: string | null) =>
    attachments
      .filter((a) => a.postId === postId)
      .map((a) => ({ ...a, kind: fileKindLabel(a.mimetype), href: `${loaded.base}/threads/${thread.id}/files/${a.id}` }));
  return {
    ...loaded,
    title: `${thread.title} – ${loaded.community.name}`,
    thread,
    opening: renderMarkdown(thread.body),
    openingCards: cardsFor(thread.body),
    openingFiles: filesFor(null),
    author: author?.fullName ?? null,
    posts: posts.map((post) => ({
      ...post,
      html: post.hiddenAt && !loaded.canModerate ? '' : renderMarkdown(post.body),
      cards: post.hiddenAt && !loaded.canModerate ? [] : cardsFor(post.body),
      files: post.hiddenAt && !loaded.canModerate ? [] : filesFor(post.id),
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
