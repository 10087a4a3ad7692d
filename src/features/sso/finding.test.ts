import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { purgeExpiredAttempts } from './attempts.ts';
import { ssoAttempts, ssoProviders, ssoRules } from './tables.ts';

for (const backend of testBackends()) {
  describe(`finding a workspace's single sign-on (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let other: TestWorkspace;

    before(async () => {
      ({ t, ws } = await startWorkspaceTest(backend));
      other = await createTestWorkspace(t.db);
      // Both sign in the same domain (their providers are not asked until someone chooses one).
      for (const [workspace, name] of [
        [ws, 'Department account'],
        [other, 'Agency account'],
      ] as const) {
        await t.db
          .insert(ssoProviders)
          .values({ workspaceId: workspace.id, displayName: name, issuerUrl: 'https://login.example.org', clientId: 'x', clientSecret: 'y' });
        await t.db.insert(ssoRules).values({ workspaceId: workspace.id, position: 1, emailDomain: 'levellingup.gov.uk', role: 'viewer' });
      }
    });
    after(() => t.close());

    it('asks for a work address, says when no workspace takes its domain, and lets the person choose when several do', async () => {
      const visitor = new Agent(t.app);
      await visitor.get('/sign-in/sso');
      assertPageHas((await visitor.post('/sign-in/sso', { email: 'not an address' })).body, /Enter an email address in the correct format/);
      const unknown = await visitor.post('/sign-in/sso', { email: 'someone@nowhere.example' });
      assert.equal(unknown.statusCode, 404);
      assertPageHas(unknown.body, /No workspace here signs in people at nowhere\.example through single sign-on/);

      const choose = await visitor.post('/sign-in/sso', { email: 'someone@levellingup.gov.uk', next: '/account' });
      assert.equal(choose.statusCode, 200);
      assertPageHas(choose.body, /More than one workspace signs in people from your organisation/);
      assertPageHas(choose.body, /with Department account/);
      assertPageHas(choose.body, /with Agency account/);
      assert.equal([...choose.body.matchAll(/href="\/sso\/[^"]*hint=someone%40levellingup\.gov\.uk&amp;next=%2Faccount"/g)].length, 2);
    });

    it('clears away attempts nobody came back from', async () => {
      await t.db.insert(ssoAttempts).values([
        { id: 'expired', workspaceId: ws.id, state: 's', nonce: 'n', codeVerifier: 'v', expiresAt: new Date(Date.now() - 1000) },
        { id: 'current', workspaceId: other.id, state: 's', nonce: 'n', codeVerifier: 'v', expiresAt: new Date(Date.now() + 60_000) },
      ]);
      await purgeExpiredAttempts(t.db);
      assert.deepEqual(
        (await t.db.select({ id: ssoAttempts.id }).from(ssoAttempts)).map((row) => row.id),
        ['current'],
      );
      assert.equal((await t.db.select().from(ssoAttempts).where(eq(ssoAttempts.workspaceId, ws.id))).length, 0);
    });
  });
}
