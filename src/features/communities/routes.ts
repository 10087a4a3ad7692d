import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { addMembers, joinOrLeave, recordVisit } from './change-membership.ts';
import { loadCommunity, loadModeratedCommunity, loadThread, type CommunityRequest } from './load.ts';
import { communityPolicy } from './policy.ts';
import { markHelpful, replyToThread, startThread } from './post-to-thread.ts';
import { attachmentFile, communitiesFor, membersOf, openReports, peopleToAdd, threadsMatching, threadsOf } from './queries.ts';
import { programmeOptions } from '../programmes/queries.ts';
import { searchRanked } from '../search/search.ts';
import { THREAD_KIND } from './search-text.ts';
import { queryOf, queryText } from '../../core/http/route-schemas.ts';
import { threadPage } from './thread-page.ts';
import { saveCommunity } from './save-community.ts';
import { editPost, postToEdit } from './edit-post.ts';
import { followThread } from './follow-thread.ts';
import { registerCommunityNotifications } from './notification-scope.ts';
import { threadSubject } from './thread-notifications.ts';
import { markSubjectRead } from '../notifications/mark-read.ts';
import { addMembersSchema, attachmentParams, communityParams, communitySchema, postParams, replySchema, threadParams, threadSchema } from './schemas.ts';
import { sendUploadedFile } from '../../core/http/downloads.ts';

const membershipBody = z.looseObject({ action: z.enum(['join', 'leave']).catch('join') });
const helpfulBody = z.looseObject({ helpful: z.enum(['yes', 'no']).catch('yes') });
const followBody = z.looseObject({ action: z.enum(['follow', 'unfollow']).catch('follow') });
const listQuery = queryOf({ q: queryText(500) });

/** Communities of interest: the list, a community's threads and members, and each thread with its replies. */
export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  registerCommunityNotifications();

  async function listPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, q = '') {
    const ctx = workspaceContext(request);
    const canCreate = communityPolicy.create(ctx.member);
    // "Has anyone solved…": threads found through the one search module, kept to the communities this person can see.
    const hits = q ? await searchRanked(db, ctx.workspace.id, q, { kinds: [THREAD_KIND], limit: 40 }) : [];
    return {
      title: 'Communities',
      q,
      found: q
        ? await threadsMatching(
            db,
            ctx.workspace.id,
            ctx.member,
            hits.map((hit) => hit.sourceId),
          )
        : [],
      communities: await communitiesFor(db, ctx.workspace.id, ctx.member),
      canCreate,
      programmeItems: canCreate ? await programmeOptions(db, ctx.workspace.id) : [],
      values: { visibility: 'open', ...values },
      errors,
    };
  }

  async function communityPage(loaded: CommunityRequest, values: Record<string, unknown>, errors: FormErrors) {
    const [threads, reports] = await Promise.all([
      threadsOf(db, loaded.ctx.workspace.id, loaded.community.id, loaded.access.role ? loaded.lastVisitedAt : null),
      loaded.canModerate ? openReports(db, loaded.ctx.workspace.id, loaded.community.id) : [],
    ]);
    return {
      ...loaded,
      title: loaded.community.name,
      threads,
      reports,
      newCount: threads.filter((t) => t.isNew).length,
      canJoin: communityPolicy.join(loaded.access),
      values: { kind: 'discussion', ...values },
      errors,
    };
  }

  app.get('/', { schema: { querystring: listQuery } }, async (request, reply) =>
    reply.page('communities/views/list.njk', await listPage(request, {}, noErrors, request.query.q)),
  );

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(communityPolicy.create(ctx.member), 'Only facilitators and administrators start communities.');
    return submitForm(reply, {
      schema: communitySchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/views/list.njk', await listPage(request, request.body, errors)),
      save: (input) => saveCommunity(db, ctx, input),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/communities/${id}`, flash: `Started the community “${input.name}”. Add its members next.` }),
    });
  });

  app.get('/:communityId', { schema: { params: communityParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const page = await communityPage(loaded, {}, noErrors);
    // What was new is shown this once; from now on it counts from this visit.
    await recordVisit(db, loaded.ctx, loaded.community, loaded.access);
    return reply.page('communities/views/community.njk', page);
  });

  app.post('/:communityId/membership', { schema: { params: communityParams, body: membershipBody } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const join = request.body.action === 'join';
    return submitAction(reply, {
      back: loaded.base,
      run: () => joinOrLeave(db, loaded.ctx, loaded.community, loaded.access, join),
      done: () => ({
        to: join ? loaded.base : `/w/${loaded.ctx.workspace.slug}/communities`,
        flash: join ? `You have joined “${loaded.community.name}”.` : `You have left “${loaded.community.name}”.`,
      }),
    });
  });

  async function membersPage(loaded: CommunityRequest, values: Record<string, unknown>, errors: FormErrors) {
    const workspaceId = loaded.ctx.workspace.id;
    const [members, candidates, programmes] = await Promise.all([
      membersOf(db, workspaceId, loaded.community.id),
      loaded.canModerate ? peopleToAdd(db, workspaceId, loaded.community.id) : [],
      loaded.canModerate ? programmeOptions(db, workspaceId) : [],
    ]);
    return {
      ...loaded,
      title: `Members – ${loaded.community.name}`,
      members,
      personItems: candidates.map((p) => ({ value: p.id, text: p.fullName })),
      programmeItems: programmes,
      values,
      errors,
    };
  }

  app.get('/:communityId/members', { schema: { params: communityParams } }, async (request, reply) =>
    reply.page('communities/views/members.njk', await membersPage(await loadCommunity(request, request.params.communityId), {}, noErrors)),
  );

  app.post('/:communityId/members', { schema: { params: communityParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    return submitForm(reply, {
      schema: addMembersSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/views/members.njk', await membersPage(loaded, request.body, errors)),
      save: (input) => addMembers(db, loaded.ctx, loaded.community, loaded.access, input),
      done: (added) => ({
        to: `${loaded.base}/members`,
        flash: added ? `Added ${added} ${added === 1 ? 'person' : 'people'}.` : 'Everyone chosen was already a member.',
      }),
    });
  });

  async function editPage(loaded: CommunityRequest, values: Record<string, unknown>, errors: FormErrors) {
    return { ...loaded, title: `Change – ${loaded.community.name}`, programmeItems: await programmeOptions(db, loaded.ctx.workspace.id), values, errors };
  }

  app.get('/:communityId/edit', { schema: { params: communityParams } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const { name, description, visibility, programmeId } = loaded.community;
    return reply.page('communities/views/edit.njk', await editPage(loaded, { name, description, visibility, programmeId }, noErrors));
  });

  app.post('/:communityId/edit', { schema: { params: communityParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    return submitForm(reply, {
      schema: communitySchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/views/edit.njk', await editPage(loaded, request.body, errors)),
      save: (input) => saveCommunity(db, loaded.ctx, input, loaded.community.id),
      done: () => ({ to: loaded.base, flash: 'The community is changed.' }),
    });
  });

  app.post('/:communityId/threads', { schema: { params: communityParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    return submitForm(reply, {
      schema: threadSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/views/community.njk', await communityPage(loaded, request.body, errors)),
      save: (input) => startThread(db, loaded.ctx, loaded.community, loaded.access, input),
      done: (id, input) => ({
        to: `${loaded.base}/threads/${id}`,
        flash: input.kind === 'challenge' ? 'Your challenge is posted. Members can now answer it.' : 'Your thread is posted.',
      }),
    });
  });

  app.get('/:communityId/threads/:threadId', { schema: { params: threadParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const page = await threadPage(db, loaded, request.params.threadId, {}, noErrors);
    // Opening the thread is reading what one was told about it.
    // Only when the bell says something is unread: most visits write nothing.
    if (loaded.ctx.member.personId && request.bell?.unread) {
      const read = await markSubjectRead(db, loaded.ctx, threadSubject(page.thread.id));
      // The bell was counted before this page read them.
      if (request.bell) request.bell.unread = Math.max(0, request.bell.unread - read);
    }
    return reply.page('communities/views/thread.njk', page);
  });

  app.get('/:communityId/threads/:threadId/files/:attachmentId', { schema: { params: attachmentParams } }, async (request, reply) => {
    const { loaded, thread } = await loadThread(request, request.params.communityId, request.params.threadId);
    const file = await attachmentFile(db, loaded.ctx.workspace.id, thread.id, request.params.attachmentId);
    // A hidden post's file goes with its words: only the moderators still see it.
    if (!file || (file.hiddenAt && !loaded.canModerate)) throw new NotFoundError();
    return sendUploadedFile(reply, file);
  });

  app.post('/:communityId/threads/:threadId/follow', { schema: { params: threadParams, body: followBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    const follow = request.body.action === 'follow';
    return submitAction(reply, {
      back,
      run: () => followThread(db, loaded.ctx, loaded.access, thread, follow),
      done: () => ({ flash: follow ? 'You are following this thread: replies appear in your notifications.' : 'You have stopped following this thread.' }),
    });
  });

  async function editPostPage(loaded: CommunityRequest, threadId: string, postId: string, values: Record<string, unknown> | undefined, errors: FormErrors) {
    const thread = await threadPage(db, loaded, threadId, {}, noErrors);
    const post = await postToEdit(db, loaded.ctx.workspace.id, thread.thread.id, postId);
    authorize(communityPolicy.editPost(loaded.access, post), 'Only the person who wrote a post can change it.');
    return { ...loaded, title: `Change your reply – ${thread.thread.title}`, thread: thread.thread, post, values: values ?? { body: post.body }, errors };
  }

  app.get('/:communityId/threads/:threadId/posts/:postId/edit', { schema: { params: postParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    return reply.page('communities/views/edit-post.njk', await editPostPage(loaded, request.params.threadId, request.params.postId, undefined, noErrors));
  });

  app.post('/:communityId/threads/:threadId/posts/:postId/edit', { schema: { params: postParams, body: formBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    return submitForm(reply, {
      schema: replySchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('communities/views/edit-post.njk', await editPostPage(loaded, thread.id, request.params.postId, request.body, errors)),
      save: (input) => editPost(db, loaded.ctx, loaded.community, loaded.access, thread, request.params.postId, input),
      done: (postId) => ({ to: `${back}#post-${postId}`, flash: 'Your reply is changed.' }),
    });
  });

  app.post('/:communityId/threads/:threadId/replies', { schema: { params: threadParams, body: formBody } }, async (request, reply) => {
    const { loaded, thread } = await loadThread(request, request.params.communityId, request.params.threadId);
    return submitForm(reply, {
      schema: replySchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/views/thread.njk', await threadPage(db, loaded, thread.id, request.body, errors)),
      save: (input) => replyToThread(db, loaded.ctx, loaded.community, loaded.access, thread, input),
      done: (postId) => ({ to: `${loaded.base}/threads/${thread.id}#post-${postId}`, flash: 'Your reply is posted.' }),
    });
  });

  app.post('/:communityId/threads/:threadId/posts/:postId/helpful', { schema: { params: postParams, body: helpfulBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    const helpful = request.body.helpful === 'yes';
    return submitAction(reply, {
      back,
      run: () => markHelpful(db, loaded.ctx, loaded.community, loaded.access, thread, request.params.postId, helpful),
      done: (solved) => ({
        to: `${back}#post-${request.params.postId}`,
        flash: helpful
          ? 'Marked as an answer that helped. The challenge shows as solved.'
          : solved
            ? 'Mark taken back.'
            : 'Mark taken back. The challenge is open again.',
      }),
    });
  });
};
