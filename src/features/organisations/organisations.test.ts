import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { organisations } from './tables.ts';
import { people } from '../people/tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';

for (const backend of testBackends()) {
  describe(`organisations (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let hubId: string;
    let laId: string;
    let foreignId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      const other = await createTestWorkspace(t.db);
      [{ id: foreignId }] = await t.db.insert(organisations).values({ workspaceId: other.id, name: 'Other Hub', kind: 'hub' }).returning();
    });
    after(() => t.close());

    it('creates a hub and a local authority inside it, and shows the tree', async () => {
      await admin.get(`${ws.base}/organisations/new`);
      const hub = await admin.post(`${ws.base}/organisations`, {
        name: 'West Yorkshire Fostering Hub',
        kind: 'hub',
        region: 'Yorkshire and the Humber',
        website: '',
        description: '',
      });
      assert.equal(hub.statusCode, 302);
      hubId = String(hub.headers.location).split('/').pop()!;
      const la = await admin.post(`${ws.base}/organisations`, {
        name: 'Leeds City Council',
        kind: 'local_authority',
        parentId: hubId,
        region: 'Yorkshire and the Humber',
        website: 'https://www.leeds.gov.uk',
      });
      assert.equal(la.statusCode, 302);
      laId = String(la.headers.location).split('/').pop()!;
      await t.db.insert(people).values({ workspaceId: ws.id, fullName: 'Mohammed Iqbal', organisationId: laId });
      const hubPage = await admin.get(`${ws.base}/organisations/${hubId}`);
      assert.match(hubPage.body, /Leeds City Council/);
      const laPage = await admin.get(`${ws.base}/organisations/${laId}`);
      assert.match(laPage.body, /West Yorkshire Fostering Hub/);
      assert.match(laPage.body, /Mohammed Iqbal/);
      const list = await admin.get(`${ws.base}/organisations?kind=local_authority`);
      assert.match(list.body, /Leeds City Council/);
      assert.match(list.body, /Showing 1 to 1 of 1 organisation</);
      const inside = await admin.get(`${ws.base}/organisations?parent=${hubId}`);
      assert.match(inside.body, /Organisations in West Yorkshire Fostering Hub/);
    });

    it('refuses loops, foreign parents, bad kinds, bad websites and duplicate names', async () => {
      await admin.get(`${ws.base}/organisations/${hubId}/edit`);
      const loop = await admin.post(`${ws.base}/organisations/${hubId}/edit`, { name: 'West Yorkshire Fostering Hub', kind: 'hub', parentId: laId });
      assert.equal(loop.statusCode, 400);
      assert.match(loop.body, /cannot sit inside itself/);
      const self = await admin.post(`${ws.base}/organisations/${hubId}/edit`, { name: 'West Yorkshire Fostering Hub', kind: 'hub', parentId: hubId });
      assert.equal(self.statusCode, 400);
      const foreign = await admin.post(`${ws.base}/organisations`, { name: 'Sneaky', kind: 'hub', parentId: foreignId });
      assert.equal(foreign.statusCode, 400);
      assert.match(foreign.body, /Select a parent organisation from the list/);
      const bad = await admin.post(`${ws.base}/organisations`, { name: '', kind: 'spaceship', website: 'javascript:alert(1)', region: 'Mars' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the organisation’s name/);
      assert.match(bad.body, /Select the kind of organisation/);
      assert.match(bad.body, /Enter a website address starting with https:\/\//);
      assert.match(bad.body, /Select a region from the list/);
      const duplicate = await admin.post(`${ws.base}/organisations`, { name: 'leeds city council', kind: 'local_authority' });
      assert.equal(duplicate.statusCode, 400);
      assert.match(duplicate.body, /already an organisation with that name/);
      const [hub] = await t.db.select().from(organisations).where(eq(organisations.id, hubId));
      assert.equal(hub.parentId, null);
    });

    it('does not reveal or change another workspace’s organisation', async () => {
      assert.equal((await admin.get(`${ws.base}/organisations/${foreignId}`)).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/organisations/${foreignId}/edit`, { name: 'Taken over', kind: 'hub' })).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/organisations/${foreignId}/delete`)).statusCode, 404);
      const [row] = await t.db.select().from(organisations).where(eq(organisations.id, foreignId));
      assert.equal(row.name, 'Other Hub');
    });

    it('lets facilitators edit but only administrators delete; deleting keeps people and members', async () => {
      const facilitator = await addMember(t.db, ws.id, 'facilitator');
      const agent = new Agent(t.app);
      await agent.signIn(facilitator.email, facilitator.password);
      await agent.get(`${ws.base}/organisations/${hubId}/edit`);
      const edit = await agent.post(`${ws.base}/organisations/${hubId}/edit`, { name: 'West Yorkshire Hub', kind: 'hub', region: 'Yorkshire and the Humber' });
      assert.equal(edit.statusCode, 302);
      assert.equal((await agent.post(`${ws.base}/organisations/${hubId}/delete`)).statusCode, 403);
      const removed = await admin.post(`${ws.base}/organisations/${hubId}/delete`);
      assert.equal(removed.statusCode, 302);
      const [la] = await t.db.select().from(organisations).where(eq(organisations.id, laId));
      assert.equal(la.parentId, null);
      const member = await addMember(t.db, ws.id, 'member');
      const memberAgent = new Agent(t.app);
      await memberAgent.signIn(member.email, member.password);
      assert.equal((await memberAgent.get(`${ws.base}/organisations`)).statusCode, 200);
      assert.equal((await memberAgent.get(`${ws.base}/organisations/new`)).statusCode, 403);
    });
  });
}
