import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import { buildTestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';

describe('the footer’s pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('pglite', { env: { CONTACT_EMAIL: 'help@partnership.example' } });
  });
  after(() => t.close());

  it('are linked from every page and readable without signing in', async () => {
    const visitor = new Agent(t.app);
    const signIn = await visitor.get('/sign-in');
    for (const path of ['/accessibility', '/privacy', '/cookies', '/contact']) {
      assertPageHas(signIn.body, new RegExp(`href="${path}"`));
      const page = await visitor.get(path);
      assert.equal(page.statusCode, 200, path);
    }
  });

  it('say which cookies are set and where to write', async () => {
    const visitor = new Agent(t.app);
    const cookies = await visitor.get('/cookies');
    for (const name of ['bw_session', 'bw_csrf', 'bw_sso', 'bw_flash']) assertPageHas(cookies.body, new RegExp(name));
    assertPageHas((await visitor.get('/contact')).body, /help@partnership\.example/);
    assertPageHas((await visitor.get('/privacy')).body, /help@partnership\.example/);
  });
});
