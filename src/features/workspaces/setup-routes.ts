import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { workspacesForAccount } from '../accounts/queries.ts';
import { startSession } from '../accounts/session-hook.ts';
import { countWorkspaces } from './queries.ts';
import { setupSchema } from './schemas.ts';
import { setUpBridgework } from './set-up-bridgework.ts';

/** The front door, and first run: create the first workspace and its administrator, empty or with the example data. */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  // The front door: set-up on a new installation, sign-in for strangers, otherwise the member's workspace (or a choice of them).
  app.get('/', async (request, reply) => {
    if ((await countWorkspaces(db)) === 0) return reply.redirect('/setup');
    if (!request.account) return reply.redirect('/sign-in');
    const list = await workspacesForAccount(db, request.account.id);
    if (list.length === 1) return reply.redirect(`/w/${list[0].slug}`);
    return reply.page('workspaces/views/choose.njk', { title: 'Your workspaces', workspaces: list });
  });

  app.get('/setup', async (_request, reply) => {
    if ((await countWorkspaces(db)) > 0) return reply.redirect('/');
    return reply.page('workspaces/views/setup.njk', { title: 'Set up Bridgework', values: { start: 'example' }, errors: noErrors });
  });

  app.post('/setup', { schema: { body: formBody } }, async (request, reply) => {
    if ((await countWorkspaces(db)) > 0) return reply.redirect('/');
    const parsed = setupSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).page('workspaces/views/setup.njk', { title: 'Set up Bridgework', values: request.body, errors: formErrorsFrom(parsed.error) });
    }
    const input = parsed.data;
    const created = await setUpBridgework(db, input);
    await startSession(request, reply, created.accountId);
    setFlash(reply, {
      kind: 'success',
      title: `${created.workspace.name} is ready`,
      text:
        input.start === 'example'
          ? 'The example workspace has been loaded. To see it as a participant, a site lead, the department or a facilitator sees it, use “Try each role” on this page.'
          : 'Start by adding topics, organisations and people.',
    });
    return reply.redirect(`/w/${created.workspace.slug}`);
  });
};
