import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, pathParams } from '../../core/http/route-schemas.ts';
import { findUnsubscribeLink, unsubscribeWithLink, type UnsubscribeLink } from './unsubscribe.ts';

/** Any text may arrive as a token: a wrong one gets a page that says so. */
const tokenParams = pathParams({ token: z.string().max(200) });

/**
 * The link at the foot of every notification e-mail: it works without signing
 * in. Opening it asks first (mail scanners open links by themselves); the
 * button, or a mail program's one-click request (RFC 8058), turns the e-mail off.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  function refused(reply: FastifyReply, link: UnsubscribeLink | undefined) {
    if (!link)
      return reply.status(404).page('notifications/views/unsubscribe.njk', {
        title: 'This link is not right',
        state: 'unknown',
      });
    return reply.status(410).page('notifications/views/unsubscribe.njk', { title: 'This link no longer works', state: link.state, link });
  }

  app.get('/unsubscribe/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const link = await findUnsubscribeLink(db, request.params.token);
    if (link?.state !== 'ready') return refused(reply, link);
    return reply.page('notifications/views/unsubscribe.njk', { title: 'Stop notification e-mails', state: 'ready', link, token: request.params.token });
  });

  app.post('/unsubscribe/:token', { schema: { params: tokenParams, body: formBody.optional() } }, async (request, reply) => {
    const { link, done } = await unsubscribeWithLink(db, request.params.token);
    if (!done) return refused(reply, link);
    return reply.page('notifications/views/unsubscribe.njk', { title: 'You will not be e-mailed', state: 'done', link });
  });
};
