import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';

/** Each result's kind and title, in order. */
const resultsIn = (body: string) =>
  [...body.matchAll(/font-weight-bold" href="[^"]+">([^<]+)<\/a>[\s\S]*?govuk-tag--grey">([^<]+)</g)].map((m) => `${m[2]}: ${m[1]}`);

for (const backend of testBackends()) {
  describe(`the one search box (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let member: TestUser;
    let asMember: Agent;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      member = await addMember(t.db, ws.id, 'member', 'Rob Kaur');
      asMember = new Agent(t.app);
      await asMember.signIn(member.email, member.password);
      await admin.get(`${ws.base}/people/new`);
      await admin.post(`${ws.base}/people`, {
        fullName: 'Margaret Ellison',
        jobTitle: 'Head of a regional adoption agency',
        bio: 'Merged five councils’ adoption teams.',
        contactPreference: 'email',
        openToContact: 'yes',
      });
      await admin.post(`${ws.base}/programmes`, {
        name: 'Regional adoption leaders',
        kind: 'cohort_learning',
        startsOn: '2025-01-06',
        endsOn: '2025-09-30',
        summary: 'For leaders of regional adoption agencies.',
      });
      await admin.get(`${ws.base}/communities`);
      const open = String((await admin.post(`${ws.base}/communities`, { name: 'Adoption', visibility: 'open' })).headers.location);
      await admin.post(`${open}/threads`, { kind: 'discussion', title: 'Merging adoption teams', body: 'What did regional agencies learn?' });
      const closed = String((await admin.post(`${ws.base}/communities`, { name: 'Directors', visibility: 'invite_only' })).headers.location);
      await admin.post(`${closed}/threads`, { kind: 'discussion', title: 'Adoption budgets in confidence', body: 'Regional agency costs.' });
    });
    after(() => t.close());

    it('finds people, programmes and threads in one ranked list, what is named first, with a filter by kind', async () => {
      const page = await admin.get(`${ws.base}/search?q=${encodeURIComponent('regional adoption')}`);
      assert.equal(page.statusCode, 200);
      const results = resultsIn(page.body);
      assert.equal(results[0], 'Programme: Regional adoption leaders', results.join(' | '));
      assert.ok(results.includes('Person: Margaret Ellison'));
      assert.ok(results.includes('Discussion: Merging adoption teams'));
      assert.ok(results.includes('Discussion: Adoption budgets in confidence'), 'staff read every community');
      assertPageHas(page.body, /People \(1\)/);
      assertPageHas(page.body, /<mark>/);
      const people = await admin.get(`${ws.base}/search?q=${encodeURIComponent('regional adoption')}&kind=person`);
      assert.deepEqual(resultsIn(people.body), ['Person: Margaret Ellison']);
    });

    it('shows nobody what they may not see: another community’s threads, a programme they are not in', async () => {
      const results = resultsIn((await asMember.get(`${ws.base}/search?q=${encodeURIComponent('regional adoption')}`)).body);
      assert.ok(!results.includes('Discussion: Adoption budgets in confidence'));
      assert.ok(!results.includes('Programme: Regional adoption leaders'));
      assert.ok(results.includes('Discussion: Merging adoption teams'));
      assert.ok(results.includes('Person: Margaret Ellison'));
    });

    it('answers empty, odd and unknown input with a page, never an error', async () => {
      const empty = await asMember.get(`${ws.base}/search`);
      assert.equal(empty.statusCode, 200);
      assertPageHas(empty.body, /Search evidence, discussions, people, programmes and sessions/);
      const nothing = await asMember.get(`${ws.base}/search?q=${encodeURIComponent('zzzqqq')}`);
      assertPageHas(nothing.body, /Nothing you can see matches “zzzqqq”/);
      for (const q of ['"', '(((', '-', 'a'.repeat(400), '<script>alert(1)</script>'])
        assert.equal((await asMember.get(`${ws.base}/search?q=${encodeURIComponent(q)}`)).statusCode, 200, q);
      assert.equal((await asMember.get(`${ws.base}/search?q=adoption&kind=spaceships`)).statusCode, 200);
      // The box is on every workspace page.
      assertPageHas((await asMember.get(`${ws.base}/people`)).body, /<form class="bw-nav-search[^"]*" method="get" action="\/w\/[^"]+\/search" role="search"/);
    });
  });
}
