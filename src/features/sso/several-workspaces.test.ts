import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { startTestProvider, type TestProvider } from '../../../test/support/oidc-provider.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { sessions, workspaces } from '../../core/db/tables.ts';
import { memberships } from '../access/tables.ts';
import { people } from '../people/tables.ts';
import { ssoProviders } from './tables.ts';

for (const backend of testBackends()) {
  describe(`single sign-on for someone in two workspaces that require it (${backend})`, () => {
    let t: TestApp;
    let first: TestWorkspace;
    let second: TestWorkspace;
    let provider: TestProvider;

    before(async () => {
      ({ t, ws: first } = await startWorkspaceTest(backend, { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' }));
      second = await createTestWorkspace(t.db);
      provider = await startTestProvider([first, second].map((ws) => `${t.config.publicUrl}/sso/${ws.slug}/callback`));
      for (const ws of [first, second])
        await t.db.insert(ssoProviders).values({
          workspaceId: ws.id,
          displayName: `${ws.name} account`,
          issuerUrl: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
        });
    });
    after(async () => {
      await t.close();
      await provider.close();
    });

    it('signs them in through each workspace once, not again each time they switch', async () => {
      const member = await addMember(t.db, first.id, 'member', 'Sam Okafor');
      const [person] = await t.db.insert(people).values({ workspaceId: second.id, fullName: member.name, email: member.email }).returning();
      await t.db.insert(memberships).values({ workspaceId: second.id, accountId: member.accountId, personId: person.id, role: 'member' });
      provider.people.set('sam', { email: member.email, name: member.name });
      await t.db
        .update(workspaces)
        .set({ ssoRequired: true })
        .where(inArray(workspaces.id, [first.id, second.id]));

      // Their account opens two workspaces, so each provider links it only once they have signed in with its password.
      const agent = new Agent(t.app);
      await agent.signIn(member.email, member.password);
      for (const ws of [first, second]) {
        const sent = await agent.get(`${ws.base}/people`);
        assert.equal(sent.statusCode, 302);
        assert.equal(sent.headers.location, `/sso/${ws.slug}?next=${encodeURIComponent(`${ws.base}/people`)}`);
        const started = await agent.get(String(sent.headers.location));
        const back = await provider.signIn(String(started.headers.location), 'sam');
        const arrived = await agent.get(`${back.pathname}${back.search}`);
        assert.equal(arrived.statusCode, 302, arrived.body);
        assert.equal(arrived.headers.location, `${ws.base}/people`);
      }

      // Back and forth between the two with no further trip to the provider.
      for (const ws of [first, second, first, second]) assert.equal((await agent.get(`${ws.base}/people`)).statusCode, 200, ws.slug);
      const [session] = await t.db.select().from(sessions).where(eq(sessions.accountId, member.accountId));
      assert.deepEqual([...session.ssoWorkspaceIds].sort(), [first.id, second.id].sort());

      // It belongs to that browser's session: a password sign-in elsewhere goes through the providers again.
      const elsewhere = new Agent(t.app);
      await elsewhere.signIn(member.email, member.password);
      assert.equal((await elsewhere.get(`${second.base}/people`)).statusCode, 302);
    });
  });
}
