import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { loadCommunity } from './load.ts';
import { communitiesFor, findThread, postsOf, threadAuthorName, threadsOf } from './queries.ts';
import { communityRoles, communityVisibilities, threadKinds } from './tables.ts';

const communityResource = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(communityVisibilities),
  programmeName: z.string().nullable(),
  members: z.number().int(),
  threads: z.number().int(),
  yourRole: z.enum(communityRoles).nullable().describe('The token owner’s place in it; null when they are not a member'),
  lastPostAt: z.string().nullable(),
});

const threadSummary = z.object({
  id: z.uuid(),
  kind: z.enum(threadKinds),
  title: z.string(),
  author: z.string().nullable(),
  replyCount: z.number().int(),
  lastPostAt: z.string(),
  solvedAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
});

const threadResource = threadSummary.extend({
  body: z.string().describe('Markdown'),
  posts: z.array(
    z.object({
      id: z.uuid(),
      author: z.string().nullable(),
      body: z.string().describe('Markdown'),
      helpful: z.boolean().describe('Marked by the author of a challenge as having helped'),
      hidden: z.boolean().describe('Hidden by a moderator: only moderators are given these'),
      createdAt: z.string(),
      editedAt: z.string().nullable(),
    }),
  ),
});

/** Communities, their threads and replies, as the communities pages show them to the token's owner. */
export const communitiesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Communities'];
  const communityParams = pathParams({ id: idParam });

  app.get(
    '/communities',
    {
      schema: {
        tags,
        summary: 'List communities',
        description: 'Open communities, and invite-only ones the token’s owner belongs to (all of them for staff). All in one page.',
        response: { 200: listOf(communityResource), ...commonProblems },
      },
    },
    async (request) => {
      const { workspace, member } = workspaceContext(request);
      const list = await communitiesFor(db, workspace.id, member);
      return {
        data: list.map(({ role, newThreads: _new, ...community }) => ({ ...community, yourRole: role, lastPostAt: isoDate(community.lastPostAt) })),
        next: null,
      };
    },
  );

  app.get(
    '/communities/:id/threads',
    {
      schema: {
        tags,
        summary: 'List a community’s threads',
        description: 'The 200 most recently active, latest first.',
        params: communityParams,
        response: { 200: listOf(threadSummary), ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadCommunity(request, request.params.id);
      const threads = await threadsOf(db, loaded.ctx.workspace.id, loaded.community.id, null);
      return {
        data: threads.map(({ isNew: _new, ...thread }) => ({
          ...thread,
          lastPostAt: isoDate(thread.lastPostAt)!,
          solvedAt: isoDate(thread.solvedAt),
          lockedAt: isoDate(thread.lockedAt),
        })),
        next: null,
      };
    },
  );

  app.get(
    '/communities/:id/threads/:threadId',
    {
      schema: {
        tags,
        summary: 'Get a thread with its replies',
        description: 'The `thread.solved` webhook names the thread; this reads it whole. Replies a moderator hid are given to moderators only.',
        params: pathParams({ id: idParam, threadId: idParam }),
        response: { 200: threadResource, ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadCommunity(request, request.params.id);
      const workspaceId = loaded.ctx.workspace.id;
      const thread = await findThread(db, workspaceId, loaded.community.id, request.params.threadId);
      if (!thread) throw new NotFoundError('There is no such thread in this community.');
      const posts = await postsOf(db, workspaceId, thread.id);
      return {
        id: thread.id,
        kind: thread.kind,
        title: thread.title,
        author: await threadAuthorName(db, workspaceId, thread),
        replyCount: thread.replyCount,
        lastPostAt: isoDate(thread.lastPostAt)!,
        solvedAt: isoDate(thread.solvedAt),
        lockedAt: isoDate(thread.lockedAt),
        body: thread.body,
        posts: posts
          .filter((post) => !post.hiddenAt || loaded.canModerate)
          .map((post) => ({
            id: post.id,
            author: post.author,
            body: post.body,
            helpful: post.helpful,
            hidden: post.hiddenAt !== null,
            createdAt: isoDate(post.createdAt)!,
            editedAt: isoDate(post.editedAt),
          })),
      };
    },
  );
};
