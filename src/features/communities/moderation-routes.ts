import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/http/errors.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { loadCommunity, loadThread } from './load.ts';
import { hidePost, lockThread, removeMember, reportPost } from './moderate.ts';
import { membersOf } from './queries.ts';
import { memberParams, postParams, reportSchema, threadParams } from './schemas.ts';
import { threadPage } from './thread-page.ts';

const visibilityBody = z.looseObject({ action: z.enum(['hide', 'restore']).catch('hide') });
const lockBody = z.looseObject({ action: z.enum(['lock', 'unlock']).catch('lock') });

/** Moderation: reports from members, hiding and restoring posts, locking threads, removing members. All audited. */
export const communityModerationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post('/:communityId/threads/:threadId/report', { schema: { params: threadParams, body: formBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    const postId = typeof request.body.postId === 'string' && isUuid(request.body.postId) ? request.body.postId : null;
    return submitForm(reply, {
      schema: reportSchema,
      body: request.body,
      // The reason box is named for its post (several are on the page), so the summary links to that one.
      redisplay: async (errors) =>
        reply.page(
          'communities/views/thread.njk',
          await threadPage(
            db,
            loaded,
            thread.id,
            { reportPostId: postId ?? 'opening', ...request.body },
            { ...errors, list: errors.list.map((item) => ({ ...item, href: `#reason-${postId ?? 'opening'}` })) },
          ),
        ),
      save: (input) => reportPost(db, loaded.ctx, loaded.access, thread, postId, input),
      done: () => ({ to: back, flash: 'Thank you. The community’s moderators will look at the post.' }),
    });
  });

  app.post('/:communityId/threads/:threadId/posts/:postId/visibility', { schema: { params: postParams, body: visibilityBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    const hide = request.body.action === 'hide';
    return submitAction(reply, {
      back,
      run: () => hidePost(db, loaded.ctx, loaded.access, thread, request.params.postId, hide),
      done: () => ({ to: `${back}#post-${request.params.postId}`, flash: hide ? 'The post is hidden from members.' : 'The post is shown again.' }),
    });
  });

  app.post('/:communityId/threads/:threadId/lock', { schema: { params: threadParams, body: lockBody } }, async (request, reply) => {
    const { loaded, thread, back } = await loadThread(request, request.params.communityId, request.params.threadId);
    const lock = request.body.action === 'lock';
    return submitAction(reply, {
      back,
      run: () => lockThread(db, loaded.ctx, loaded.access, thread, lock),
      done: () => ({ flash: lock ? 'The thread is locked: no more replies.' : 'The thread is open for replies again.' }),
    });
  });

  app.post('/:communityId/members/:personId/remove', { schema: { params: memberParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const member = (await membersOf(db, loaded.ctx.workspace.id, loaded.community.id)).find((m) => m.personId === request.params.personId);
    if (!member) throw new NotFoundError();
    return submitAction(reply, {
      back: `${loaded.base}/members`,
      run: () => removeMember(db, loaded.ctx, loaded.community, loaded.access, member.personId, member.name),
      done: () => ({ flash: `Removed ${member.name} from the community.` }),
    });
  });
};
