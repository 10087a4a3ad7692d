import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { readToken } from '../../../test/support/api-token.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { communities, communityMembers, communityPosts, communityThreads } from './tables.ts';

for (const backend of testBackends()) {
  describe(`communities through the API (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let moderator: TestUser;
    let outsider: TestUser;
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const get = async <T>(url: string, who: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[who]}` } });
      return { status: response.statusCode, body: response.json<T>() };
    };
    const tokenFor = async (user: TestUser, name: string) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return readToken(agent, ws.base, name);
    };

    before(async () => {
      ({ t, ws } = await startWorkspaceTest(backend));
      moderator = await addMember(t.db, ws.id, 'member', 'Maya Moderator');
      outsider = await addMember(t.db, ws.id, 'member', 'Otto Outside');
      const [open, closed] = await t.db
        .insert(communities)
        .values([
          { workspaceId: ws.id, name: 'Kinship carers network', visibility: 'open' },
          { workspaceId: ws.id, name: 'Directors’ circle', visibility: 'invite_only' },
        ])
        .returning();
      ids.open = open.id;
      ids.closed = closed.id;
      await t.db.insert(communityMembers).values([
        { workspaceId: ws.id, communityId: open.id, personId: moderator.personId, role: 'moderator' },
        { workspaceId: ws.id, communityId: closed.id, personId: moderator.personId, role: 'member' },
      ]);
      const [thread] = await t.db
        .insert(communityThreads)
        .values({
          workspaceId: ws.id,
          communityId: open.id,
          kind: 'challenge',
          title: 'Recruiting carers in rural areas',
          body: 'What has worked?',
          authorPersonId: moderator.personId,
          replyCount: 2,
        })
        .returning();
      ids.thread = thread.id;
      await t.db.insert(communityPosts).values([
        { workspaceId: ws.id, threadId: thread.id, body: 'Village hall evenings.', authorPersonId: outsider.personId, helpful: true },
        { workspaceId: ws.id, threadId: thread.id, body: 'Buy my product!', authorPersonId: outsider.personId, hiddenAt: new Date() },
      ]);
      tokens.moderator = await tokenFor(moderator, 'Moderator');
      tokens.outsider = await tokenFor(outsider, 'Outsider');
    });
    after(() => t.close());

    it('lists the communities each person may see, keeps invite-only ones from outsiders, and hidden replies from all but moderators', async () => {
      type Listed = { data: Array<{ name: string; yourRole: string | null }> };
      assert.deepEqual((await get<Listed>('/api/v1/communities', 'moderator')).body.data.map((c) => [c.name, c.yourRole]).sort(), [
        ['Directors’ circle', 'member'],
        ['Kinship carers network', 'moderator'],
      ]);
      assert.deepEqual(
        (await get<Listed>('/api/v1/communities', 'outsider')).body.data.map((c) => [c.name, c.yourRole]),
        [['Kinship carers network', null]],
      );
      assert.equal((await get(`/api/v1/communities/${ids.closed}/threads`, 'outsider')).status, 404, 'not told it exists');

      const threads = (await get<{ data: Array<{ title: string; kind: string }> }>(`/api/v1/communities/${ids.open}/threads`, 'outsider')).body.data;
      assert.deepEqual(
        threads.map((thread) => [thread.title, thread.kind]),
        [['Recruiting carers in rural areas', 'challenge']],
      );
      type Thread = { author: string; posts: Array<{ body: string; helpful: boolean; hidden: boolean }> };
      const asOutsider = (await get<Thread>(`/api/v1/communities/${ids.open}/threads/${ids.thread}`, 'outsider')).body;
      assert.equal(asOutsider.author, 'Maya Moderator');
      assert.deepEqual(
        asOutsider.posts.map((post) => [post.body, post.helpful, post.hidden]),
        [['Village hall evenings.', true, false]],
      );
      const asModerator = (await get<Thread>(`/api/v1/communities/${ids.open}/threads/${ids.thread}`, 'moderator')).body;
      assert.deepEqual(asModerator.posts.map((post) => post.hidden).sort(), [false, true]);
      assert.equal((await get(`/api/v1/communities/${ids.open}/threads/${ids.closed}`, 'moderator')).status, 404);
    });
  });
}
