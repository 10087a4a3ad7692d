import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { communityMembers, communityPosts, communityReports } from './tables.ts';

for (const backend of testBackends()) {
  describe(`moderating a community (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let poster: TestUser;
    let asPoster: Agent;
    let reader: TestUser;
    let asReader: Agent;
    let base: string;
    let threadPath: string;
    let postId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      poster = await addMember(t.db, ws.id, 'member', 'Pat Poster');
      reader = await addMember(t.db, ws.id, 'member', 'Rae Reader');
      asPoster = new Agent(t.app);
      await asPoster.signIn(poster.email, poster.password);
      asReader = new Agent(t.app);
      await asReader.signIn(reader.email, reader.password);
      await admin.get(`${ws.base}/communities`);
      base = String((await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'open' })).headers.location);
      for (const agent of [asPoster, asReader]) {
        await agent.get(base);
        await agent.post(`${base}/membership`, { action: 'join' });
      }
      await asPoster.get(base);
      threadPath = String((await asPoster.post(`${base}/threads`, { kind: 'discussion', title: 'Assessor pools', body: 'What worked?' })).headers.location);
      await asPoster.get(threadPath);
      await asPoster.post(`${threadPath}/replies`, { body: 'Buy my fostering course at example.com' });
      [{ id: postId }] = await t.db.select({ id: communityPosts.id }).from(communityPosts);
    });
    after(() => t.close());

    it('takes a report from a member, refusing an empty one, and shows it to the moderators only', async () => {
      await asReader.get(threadPath);
      const empty = await asReader.post(`${threadPath}/report`, { postId, reason: '' });
      assert.equal(empty.statusCode, 400);
      assertPageHas(empty.body, /Enter what is wrong with the post/);
      assertPageHas(empty.body, new RegExp(`href="#reason-${postId}"`), 'the error summary links to the reason box of that post');
      assert.equal((await asReader.post(`${threadPath}/report`, { postId, reason: 'Advertising' })).statusCode, 302);
      assert.equal((await t.db.select().from(communityReports)).length, 1);
      assertPageHas((await admin.get(base)).body, /Reports waiting for the moderators \(1\)/);
      assertPageLacks((await asReader.get(base)).body, /Reports waiting/);
    });

    it('lets only moderators hide a post, which members then cannot read, and restore it', async () => {
      await asReader.get(threadPath);
      assert.equal((await asReader.post(`${threadPath}/posts/${postId}/visibility`, { action: 'hide' })).statusCode, 403);
      await admin.get(threadPath);
      assert.equal((await admin.post(`${threadPath}/posts/${postId}/visibility`, { action: 'hide' })).statusCode, 302);
      const seenByMember = await asReader.get(threadPath);
      assertPageHas(seenByMember.body, /A moderator hid this post/);
      assertPageLacks(seenByMember.body, /Buy my fostering course/);
      assertPageHas((await admin.get(threadPath)).body, /Hidden from members[\s\S]*Buy my fostering course/);
      assertPageLacks((await admin.get(base)).body, /Reports waiting/, 'hiding deals with the report');
      await admin.get(threadPath);
      await admin.post(`${threadPath}/posts/${postId}/visibility`, { action: 'restore' });
      assertPageHas((await asReader.get(threadPath)).body, /Buy my fostering course/);
    });

    it('locks a thread so no one can reply, then opens it again', async () => {
      await admin.get(threadPath);
      assert.equal((await admin.post(`${threadPath}/lock`, { action: 'lock' })).statusCode, 302);
      await asPoster.get(threadPath);
      const refused = await asPoster.post(`${threadPath}/replies`, { body: 'One more thing' });
      assert.equal(refused.statusCode, 400);
      assertPageHas(refused.body, /This thread is locked/);
      assert.equal((await t.db.select().from(communityPosts)).length, 1);
      await admin.get(threadPath);
      await admin.post(`${threadPath}/lock`, { action: 'unlock' });
      await asPoster.get(threadPath);
      assert.equal((await asPoster.post(`${threadPath}/replies`, { body: 'One more thing' })).statusCode, 302);
    });

    it('removes a member, whose posts stay, and records every step in the audit log', async () => {
      await asReader.get(`${base}/members`);
      assert.equal((await asReader.post(`${base}/members/${poster.personId}/remove`)).statusCode, 403);
      await admin.get(`${base}/members`);
      assert.equal((await admin.post(`${base}/members/${poster.personId}/remove`)).statusCode, 302);
      const members = await t.db.select().from(communityMembers);
      assert.ok(!members.some((m) => m.personId === poster.personId));
      assert.equal((await t.db.select().from(communityPosts)).length, 2, 'their posts stay');
      await asPoster.get(threadPath);
      assert.equal((await asPoster.post(`${threadPath}/replies`, { body: 'Still here?' })).statusCode, 403);
      const audit = await admin.get(`${ws.base}/admin/audit?q=${encodeURIComponent('Assessor pools')}`);
      for (const step of [/Reported a post/, /Hid a post/, /Restored a post/, /Locked the thread/, /Unlocked the thread/]) assertPageHas(audit.body, step);
      assertPageHas((await admin.get(`${ws.base}/admin/audit?type=community`)).body, /Removed Pat Poster from the community “Hub leads”/);
    });
  });
}
