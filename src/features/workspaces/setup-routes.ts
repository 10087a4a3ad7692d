import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../core/auth/passwords.ts';
import { refreshPlannerStatistics } from '../../core/db/client.ts';
import { ConflictError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors } from '../../core/http/forms.ts';
import { workspacesForAccount } from '../accounts/queries.ts';
import { startSession } from '../accounts/session-hook.ts';
import { seedExampleWorkspace } from '../demo/seed.ts';
import { createWorkspace } from './create-workspace.ts';
import { countWorkspaces } from './queries.ts';
import { EXAMPLE_WORKSPACE_NAME, setupSchema } from './schemas.ts';

// Setting up takes a transaction-scoped lock, so two people racing through set-up cannot both win.
const SETUP_LOCK_KEY = 7_316_004_212;

/** The front door, and first run: create the first workspace and its administrator, empty or with the example data. */
export const setupRoutes: FastifyPluginAsync = async (app) => {
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

  app.post('/setup', async (request, reply) => {
    if ((await countWorkspaces(db)) > 0) return reply.redirect('/');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = setupSchema.safeParse(body);
    if (!parsed.success) {
      return reply.status(400).page('workspaces/views/setup.njk', { title: 'Set up Bridgework', values: body, errors: formErrorsFrom(parsed.error) });
    }
    const input = parsed.data;
    const passwordHash = await hashPassword(input.password);
    const created = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      if ((await countWorkspaces(tx)) > 0) throw new ConflictError('Bridgework has already been set up. Sign in instead.');
      const example = input.start === 'example';
      const result = await createWorkspace(tx, {
        name: example ? input.workspaceName || EXAMPLE_WORKSPACE_NAME : input.workspaceName,
        isExample: example,
        admin: { name: input.name, email: input.email, passwordHash },
      });
      if (example) await seedExampleWorkspace(tx, { workspaceId: result.workspace.id, adminPersonId: result.personId, adminAccountId: result.accountId });
      return result;
    });
    if (input.start === 'example') await refreshPlannerStatistics(db);
    await startSession(request, reply, created.accountId);
    setFlash(reply, {
      kind: 'success',
      title: `${created.workspace.name} is ready`,
      text:
        input.start === 'example' ? 'The example workspace has been loaded. Explore it from the menu.' : 'Start by adding topics, organisations and people.',
    });
    return reply.redirect(`/w/${created.workspace.slug}`);
  });
};
