import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import type { TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { programmes } from './tables.ts';

for (const backend of testBackends()) {
  describe(`dates typed into day, month and year boxes (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    before(async () => ({ t, ws, admin } = await startWorkspaceTest(backend)));
    after(() => t.close());

    it('shows the boxes, not a browser date picker', async () => {
      const form = await admin.get(`${ws.base}/programmes/new`);
      assertPageHas(form.body, /name="startsOn-day"/);
      assertPageHas(form.body, /name="startsOn-month"/);
      assertPageHas(form.body, /name="startsOn-year"/);
      assert.doesNotMatch(form.body, /type="date"/);
    });

    it('keeps a date that does not exist as it was typed, says so, and saves nothing', async () => {
      await admin.get(`${ws.base}/programmes/new`);
      const typed = await admin.post(`${ws.base}/programmes`, {
        name: 'Leaders in practice',
        kind: 'cohort_learning',
        'startsOn-day': '30',
        'startsOn-month': 'February',
        'startsOn-year': '2027',
        'endsOn-day': '',
        'endsOn-month': '',
        'endsOn-year': '',
      });
      assert.equal(typed.statusCode, 400);
      assertPageHas(typed.body, /as a real date, for example 27 3 2026/);
      assertPageHas(typed.body, /name="startsOn-day"[^>]*value="30"/);
      assertPageHas(typed.body, /name="startsOn-month"[^>]*value="February"/);
      assertPageHas(typed.body, /href="#startsOn"/, 'the error summary links to the day box');
      assertPageHas(typed.body, /id="startsOn" name="startsOn-day"/);
      assert.equal((await t.db.select().from(programmes)).length, 0);
    });

    it('saves dates typed with the month as a number or a name', async () => {
      await admin.get(`${ws.base}/programmes/new`);
      const saved = await admin.post(`${ws.base}/programmes`, {
        name: 'Leaders in practice',
        kind: 'cohort_learning',
        'startsOn-day': '5',
        'startsOn-month': '1',
        'startsOn-year': '2027',
        'endsOn-day': '30',
        'endsOn-month': 'June',
        'endsOn-year': '2027',
      });
      assert.equal(saved.statusCode, 302);
      const [programme] = await t.db.select().from(programmes);
      assert.equal(programme.startsOn, '2027-01-05');
      assert.equal(programme.endsOn, '2027-06-30');
      // Shown again in the boxes when the programme is edited.
      const edit = await admin.get(`${ws.base}/programmes/${programme.id}/edit`);
      assertPageHas(edit.body, /name="endsOn-day"[^>]*value="30"/);
      assertPageHas(edit.body, /name="endsOn-month"[^>]*value="6"/);
    });
  });
}
