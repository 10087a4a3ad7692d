import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { readToken } from '../../../test/support/api-token.ts';
import { importEvidenceItems } from '../evidence/import-evidence.ts';
import { topics } from '../topics/tables.ts';
import { readingListItems } from './tables.ts';

for (const backend of testBackends()) {
  describe(`reading lists (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let member: TestUser;
    let asMember: Agent;
    let ids: string[];
    let foreignItem: string;
    let foreignTopic: string;
    let listUrl: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      member = await addMember(t.db, ws.id, 'member', 'Nadia Member');
      asMember = new Agent(t.app);
      await asMember.signIn(member.email, member.password);
      ids = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'systematic_review', title: 'Shared book reading for under-fives: a review', year: 2020 },
        { sourceType: 'research_study', title: 'Conversation at 18 months and vocabulary at five', year: 2021 },
        { sourceType: 'lived_experience', title: 'Parents on waiting for speech therapy', year: 2023 },
      ]);
      const other = await createTestWorkspace(t.db);
      [foreignItem] = await importEvidenceItems(t.db, other.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'guidance', title: 'Other workspace guidance' },
      ]);
      [{ id: foreignTopic }] = await t.db.insert(topics).values({ workspaceId: other.id, name: 'Elsewhere' }).returning();
    });
    after(() => t.close());

    it('starts a list for a person, refusing a missing title and another workspace’s topic', async () => {
      await admin.get(`${ws.base}/evidence/lists/new`);
      const bad = await admin.post(`${ws.base}/evidence/lists`, { title: '', topicId: foreignTopic });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a title/);
      const foreign = await admin.post(`${ws.base}/evidence/lists`, { title: 'Early language', topicId: foreignTopic });
      assert.match(foreign.body, /Choose a topic from the list/);
      const created = await admin.post(`${ws.base}/evidence/lists`, {
        title: 'Early language: essential reading',
        description: 'Read before the masterclass',
        personId: member.personId,
        evidenceId: ids[1],
      });
      assert.equal(created.statusCode, 302);
      listUrl = String(created.headers.location);
      assert.match((await admin.get(listUrl)).body, /Conversation at 18 months/, 'started from an item, the item is on it');
    });

    it('adds items in order with notes, moves and removes them', async () => {
      const listId = listUrl.split('/').at(-1)!;
      await admin.get(listUrl);
      await admin.post(`${ws.base}/evidence/lists/items`, { listId, evidenceId: ids[0], note: 'Start here: the strongest evidence' });
      await admin.post(`${ws.base}/evidence/lists/items`, { listId, evidenceId: ids[2], note: '' });
      const foreign = await admin.post(`${ws.base}/evidence/lists/items`, { listId, evidenceId: foreignItem });
      assert.equal(foreign.statusCode, 302);
      assert.match((await admin.get(listUrl)).body, /Choose an item from the library/);
      const order = async () =>
        (await t.db.select().from(readingListItems).where(eq(readingListItems.listId, listId)))
          .sort((a, b) => a.position - b.position)
          .map((row) => row.evidenceId);
      assert.deepEqual(await order(), [ids[1], ids[0], ids[2]]);
      await admin.post(`${listUrl}/items/${ids[2]}`, { action: 'up' });
      assert.deepEqual(await order(), [ids[1], ids[2], ids[0]]);
      await admin.post(`${listUrl}/items/${ids[1]}`, { action: 'up' });
      assert.deepEqual(await order(), [ids[1], ids[2], ids[0]], 'the first item cannot move up');
      await admin.post(`${listUrl}/items/${ids[2]}`, { action: 'note', note: 'What parents told us' });
      const odd = await admin.post(`${listUrl}/items/${ids[2]}`, { action: 'explode' });
      assert.equal(odd.statusCode, 400);
      assert.match(odd.body, /That change is not one the list understands/);
      await admin.post(`${listUrl}/items/${ids[0]}`, { action: 'remove' });
      assert.deepEqual(await order(), [ids[1], ids[2]]);
      const page = await admin.get(listUrl);
      assert.match(page.body, /What parents told us/);
      const search = await admin.get(`${listUrl}?q=book+reading`);
      assert.match(search.body, /Shared book reading for under-fives/);
    });

    it('is shared with the workspace, read-only for members, and shown where it belongs', async () => {
      const page = await asMember.get(listUrl);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Move down|Remove/);
      assert.equal((await asMember.post(`${listUrl}/items/${ids[1]}`, { action: 'remove' })).statusCode, 403);
      assert.equal((await asMember.post(`${ws.base}/evidence/lists`, { title: 'Mine' })).statusCode, 403);
      assert.match((await asMember.get(`${ws.base}/people/${member.personId}`)).body, /Reading lists for you/);
      assert.match((await asMember.get(`${ws.base}/evidence/${ids[1]}`)).body, /On reading lists/);
      assert.match((await asMember.get(`${ws.base}/evidence/lists`)).body, /Early language: essential reading/);
      const other = await createTestWorkspace(t.db);
      const stranger = new Agent(t.app);
      await stranger.signIn(other.admin.email, other.admin.password);
      assert.equal((await stranger.get(`${other.base}/evidence/lists/${listUrl.split('/').at(-1)}`)).statusCode, 404);

      // Through the API as on the pages: the member reads the list and its items in order; another workspace's token finds nothing.
      const read = async (token: string, url: string) => {
        const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
      };
      const token = await readToken(asMember, ws.base, 'Reading');
      const listId = listUrl.split('/').at(-1)!;
      const lists = await read(token, '/api/v1/reading-lists');
      assert.deepEqual(
        (lists.body.data as Array<{ title: string; itemCount: number; personId: string }>).map((l) => [l.title, l.itemCount, l.personId]),
        [['Early language: essential reading', 2, member.personId]],
      );
      const one = await read(token, `/api/v1/reading-lists/${listId}`);
      assert.deepEqual(
        (one.body.items as Array<{ evidenceId: string; note: string }>).map((item) => [item.evidenceId, item.note]),
        [
          [ids[1], ''],
          [ids[2], 'What parents told us'],
        ],
      );
      assert.equal((await read(await readToken(stranger, other.base, 'Theirs'), `/api/v1/reading-lists/${listId}`)).status, 404);
    });

    it('renames a list, refusing an empty title, then deletes it but keeps the evidence', async () => {
      await admin.get(`${listUrl}/edit`);
      const untitled = await admin.post(`${listUrl}/edit`, { title: ' ', personId: member.personId });
      assert.equal(untitled.statusCode, 400);
      assert.match(untitled.body, /Enter a title/);
      const renamed = await admin.post(`${listUrl}/edit`, { title: 'Early language: start here', description: '', personId: member.personId });
      assert.equal(renamed.statusCode, 302);
      assert.match((await admin.get(listUrl)).body, /Early language: start here/);
      assert.equal((await admin.post(`${listUrl}/delete`)).statusCode, 302);
      assert.equal((await admin.get(listUrl)).statusCode, 404);
      assert.equal((await admin.get(`${ws.base}/evidence/${ids[1]}`)).statusCode, 200);
    });
  });
}
