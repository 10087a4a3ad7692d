import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { topics } from './tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';

for (const backend of testBackends()) {
  describe(`topics (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
    });
    after(() => t.close());

    it('adds, renames and deletes topics, refusing duplicates in any case', async () => {
      await admin.get(`${ws.base}/topics`);
      assert.equal((await admin.post(`${ws.base}/topics`, { name: 'Early language', description: 'Talking with babies' })).statusCode, 302);
      const duplicate = await admin.post(`${ws.base}/topics`, { name: 'EARLY LANGUAGE' });
      assert.equal(duplicate.statusCode, 409);
      assert.match(duplicate.body, /already a topic with that name/);
      const empty = await admin.post(`${ws.base}/topics`, { name: '   ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter a topic name/);
      const long = await admin.post(`${ws.base}/topics`, { name: 'x'.repeat(81) });
      assert.match(long.body, /Topic name must be 80 characters or fewer/);
      const control = await admin.post(`${ws.base}/topics`, { name: 'bad\u0000name' });
      assert.equal(control.statusCode, 400);
      const [topic] = await t.db.select().from(topics).where(eq(topics.workspaceId, ws.id));
      await admin.get(`${ws.base}/topics/${topic.id}/edit`);
      assert.equal((await admin.post(`${ws.base}/topics/${topic.id}/edit`, { name: 'Early language and communication' })).statusCode, 302);
      const list = await admin.get(`${ws.base}/topics`);
      assert.match(list.body, /Early language and communication/);
      assert.equal((await admin.post(`${ws.base}/topics/${topic.id}/delete`)).statusCode, 302);
      assert.equal((await t.db.select().from(topics).where(eq(topics.workspaceId, ws.id))).length, 0);
    });

    it('lets members read the taxonomy but not change it', async () => {
      const member = await addMember(t.db, ws.id, 'expert');
      const agent = new Agent(t.app);
      await agent.signIn(member.email, member.password);
      const page = await agent.get(`${ws.base}/topics`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Add a topic/);
      assert.equal((await agent.post(`${ws.base}/topics`, { name: 'Sneaky topic' })).statusCode, 403);
      assert.equal((await t.db.select().from(topics).where(eq(topics.name, 'Sneaky topic'))).length, 0);
    });

    it('refuses another workspace’s topic', async () => {
      const other = await createTestWorkspace(t.db);
      const [foreign] = await t.db.insert(topics).values({ workspaceId: other.id, name: 'Foreign' }).returning();
      assert.equal((await admin.get(`${ws.base}/topics/${foreign.id}/edit`)).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/topics/${foreign.id}/delete`)).statusCode, 404);
      assert.equal((await t.db.select().from(topics).where(eq(topics.id, foreign.id))).length, 1);
    });
  });
}
