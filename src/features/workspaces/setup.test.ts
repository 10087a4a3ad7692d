import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { workspaces, accounts } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';

const valid = {
  start: 'empty',
  workspaceName: 'Northern Evidence Exchange',
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  password: 'a long enough password',
  confirmPassword: 'a long enough password',
};

for (const backend of testBackends()) {
  describe(`first-run set-up (${backend})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(backend);
    });
    after(() => t.close());

    it('sends the first visitor to set-up while there is no workspace', async () => {
      const agent = new Agent(t.app);
      const home = await agent.get('/');
      assert.equal(home.statusCode, 302);
      assert.equal(home.headers.location, '/setup');
      const page = await agent.get('/setup');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Load the example workspace/);
    });

    it('refuses a set-up form without its CSRF token', async () => {
      const agent = new Agent(t.app);
      await agent.get('/setup');
      const response = await agent.post('/setup', valid, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Your form has expired/);
      assert.equal((await t.db.select({ n: count() }).from(workspaces))[0].n, 0);
    });

    it('shows every problem with a bad set-up form and saves nothing', async () => {
      const agent = new Agent(t.app);
      await agent.get('/setup');
      const response = await agent.post('/setup', {
        start: 'empty',
        workspaceName: '',
        name: '<script>alert(1)</script>',
        email: 'not-an-email',
        password: 'short',
        confirmPassword: 'different',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, /Enter a name for the workspace/);
      assert.match(response.body, /Enter an email address in the correct format/);
      assert.match(response.body, /Password must be 10 characters or more/);
      assert.match(response.body, /href="#workspaceName"/);
      assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
      assert.match(response.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.equal((await t.db.select({ n: count() }).from(workspaces))[0].n, 0);
    });

    it('rejects an overlong workspace name with a clear message', async () => {
      const agent = new Agent(t.app);
      await agent.get('/setup');
      const response = await agent.post('/setup', { ...valid, workspaceName: 'x'.repeat(121) });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Workspace name must be 120 characters or fewer/);
    });

    it('creates the example workspace and its administrator, signs them in, and closes set-up', async () => {
      const agent = new Agent(t.app);
      await agent.get('/setup');
      const response = await agent.post('/setup', { ...valid, start: 'example', workspaceName: '' });
      assert.equal(response.statusCode, 302);
      assert.equal(response.headers.location, '/w/early-years-evidence-partnership');
      const home = await agent.get('/w/early-years-evidence-partnership');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Early Years Evidence Partnership is ready/);
      const peopleCount = (await t.db.select({ n: count() }).from(people))[0].n;
      const organisationCount = (await t.db.select({ n: count() }).from(organisations))[0].n;
      assert.ok(peopleCount >= 38, `expected the example people, got ${peopleCount}`);
      assert.ok(organisationCount >= 79, `expected the example organisations, got ${organisationCount}`);

      const again = await new Agent(t.app).get('/setup');
      assert.equal(again.statusCode, 302);
      const other = new Agent(t.app);
      await other.get('/sign-in');
      const refused = await other.post('/setup', { ...valid, email: 'late@example.org' });
      assert.equal(refused.statusCode, 302);
      assert.equal((await t.db.select({ n: count() }).from(workspaces))[0].n, 1);
      const late = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, 'late@example.org'));
      assert.equal(late.length, 0);
    });
  });
}
