import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { assertPageHas, assertPageLacks, pageExcerpt } from '../../../test/support/page-text.ts';
import { startExampleTest, startWorkspaceTest } from '../../../test/support/workspace-test.ts';

/** The example account's address for a role on the "Try each role" page. */
function addressOf(body: string, part: string): string {
  const match = new RegExp(`>${part}</th>[\\s\\S]*?<code>([^<]+)</code>`).exec(body);
  assert.ok(match, `no ${part} on: ${pageExcerpt(body)}`);
  return match[1];
}

for (const backend of testBackends()) {
  describe(`the home page, for each part a person plays (${backend})`, () => {
    let t: TestApp;
    let admin: Agent;
    let home: string;
    let tryPage: string;

    before(async () => {
      ({ t, admin, home } = await startExampleTest(backend));
    });
    after(() => t.close());

    it('shows the administrator every programme they run, with what the team must do next', async () => {
      const page = await admin.get(home);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, /What needs you now/);
      assertPageHas(page.body, /Programmes you run/);
      assertPageHas(page.body, /Fostering Recruitment Support Hubs/);
      assertPageHas(page.body, /Mobilise pilot/);
      assertPageHas(page.body, /Try each role/);
      assertPageLacks(page.body, /\[object Object\]|undefined|NaN/);
    });

    it('gives the example accounts a password shown once, and each role sees its own home', async () => {
      await admin.get(home);
      const issued = await admin.post(`${home}/example-accounts`);
      assert.equal(issued.statusCode, 200, pageExcerpt(issued.body));
      assert.match(String(issued.headers['cache-control']), /no-store/);
      const password = /id="example-password">([^<]+)</.exec(issued.body)?.[1];
      assert.ok(password && password.length >= 10, 'a password is shown');
      tryPage = issued.body;

      const participant = new Agent(t.app);
      await participant.signIn(addressOf(tryPage, 'Participant'), password);
      const mine = await participant.get(home);
      assertPageHas(mine.body, /Your learning/);
      assertPageHas(mine.body, /Mobilise pilot/);
      assertPageHas(mine.body, /Waiting for you/);
      assertPageLacks(mine.body, /Programmes you run|For the department|Try each role/);

      const siteLead = new Agent(t.app);
      await siteLead.signIn(addressOf(tryPage, 'Site lead'), password);
      const sites = await siteLead.get(home);
      assertPageHas(sites.body, /Your sites/);
      assertPageHas(sites.body, /Checkpoint returns/);
      assertPageHas(sites.body, /href="[^"]+\/delivery\/rounds\/\d+\/sites\/[0-9a-f-]{36}"/);
      assertPageHas(sites.body, /Latest briefing/);
      // Janet is in the hub leads' community, where threads moved after her last visit.
      assertPageHas(sites.body, /In your communities/);
      assertPageHas(sites.body, /Fostering hub leads/);

      const department = new Agent(t.app);
      await department.signIn(addressOf(tryPage, 'Department lead'), password);
      const centre = await department.get(home);
      assertPageHas(centre.body, /For the department/);
      assertPageHas(centre.body, /returns in \(\d+%\)/);
      assertPageHas(centre.body, /href="[^"]+\/delivery\/dashboard"/);
      assertPageLacks(centre.body, /Tell the team what you need to learn/);

      const facilitator = new Agent(t.app);
      await facilitator.signIn(addressOf(tryPage, 'Facilitator'), password);
      assertPageHas((await facilitator.get(home)).body, /Programmes you run/);
    });

    it('makes a new password end the old one', async () => {
      await admin.get(home);
      const again = await admin.post(`${home}/example-accounts`);
      const password = /id="example-password">([^<]+)</.exec(again.body)![1];
      const before = /id="example-password">([^<]+)</.exec(tryPage)![1];
      assert.notEqual(password, before);
      const stranger = new Agent(t.app);
      await stranger.get('/sign-in');
      const refused = await stranger.post('/sign-in', { email: addressOf(tryPage, 'Participant'), password: before });
      assert.notEqual(refused.statusCode, 302);
    });
  });

  describe(`example accounts outside the example (${backend})`, () => {
    it('are never offered or set in a workspace that is not the example', async () => {
      const { t, ws, admin } = await startWorkspaceTest(backend);
      try {
        const page = await admin.get(ws.base);
        assertPageLacks(page.body, /Try each role/);
        assertPageHas(page.body, /Nothing needs you just now|What needs you now/);
        const refused = await admin.post(`${ws.base}/example-accounts`);
        assert.equal(refused.statusCode, 403);
      } finally {
        await t.close();
      }
    });
  });
}
