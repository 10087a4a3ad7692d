import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, assertAccessible, signIn, openPage } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { Agent } from '../support/agent.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../support/factories.ts';
import { mailMessages } from '../../src/core/db/tables.ts';
import { cohortMembers, programmes } from '../../src/features/programmes/tables.ts';

/** The evaluation journeys: build a survey, answer it on a phone, read the analysis, download the report. */
describe('evaluation in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let ws: TestWorkspace;
  let cohort: TestUser[];
  let facilitator: Page;
  let base: string;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ws = await createTestWorkspace(server.db, 'Early Years Evidence Partnership');
    cohort = [];
    for (let i = 0; i < 5; i++) cohort.push(await addMember(server.db, ws.id, 'member', `Participant ${i + 1}`));
    const [programme] = await server.db
      .insert(programmes)
      .values({
        workspaceId: ws.id,
        name: 'Mobilise pilot',
        kind: 'cohort_learning',
        startsOn: '2026-01-05',
        endsOn: '2026-07-03',
        calendarToken: randomBytes(18).toString('base64url'),
      })
      .returning();
    await server.db
      .insert(cohortMembers)
      .values([
        { workspaceId: ws.id, programmeId: programme.id, personId: ws.admin.personId, role: 'facilitator' as const },
        ...cohort.map((p) => ({ workspaceId: ws.id, programmeId: programme.id, personId: p.personId, role: 'participant' as const })),
      ]);
    base = `${ws.base}/programmes/${programme.id}`;
    facilitator = await openPage(browser, { acceptDownloads: true });
    await signIn(facilitator, server.url, ws.admin);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds a survey from the Mobilise framework and sends the links', async () => {
    await facilitator.goto(`${server.url}${base}`);
    await facilitator.getByRole('link', { name: 'Evaluation' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Start from the Mobilise framework' }).click();
    await facilitator.getByText('Added the five Mobilise outcome domains').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Build a survey' }).click();
    await facilitator.getByRole('button', { name: 'Save survey' }).click();
    await facilitator.getByRole('link', { name: 'Enter a title' }).waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Title').fill('Mobilise baseline survey');
    await facilitator.getByLabel('Baseline').check();
    await facilitator.getByRole('button', { name: 'Save survey' }).click();
    await facilitator.getByText('as a draft').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Open and send links' }).click();
    await facilitator.getByText('5 personal links sent').waitFor();
    await assertAccessible(facilitator);
  });

  it('lets a participant answer on a phone, saving as they go', async () => {
    const mail = await server.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.workspaceId, ws.id), eq(mailMessages.toAddress, cohort[0].email)));
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(mail[0].textBody)![1];
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}/s/${token}`);
    await phone.getByRole('heading', { name: 'Mobilise baseline survey' }).waitFor();
    await assertAccessible(phone);
    const groups = phone.locator('form[data-autosave] fieldset');
    const first = groups.first();
    await first.getByLabel('Agree', { exact: true }).check();
    await phone.getByText('Saved.').waitFor();
    // Leave and come back: the answer is still there.
    await phone.goto(`${server.url}/s/${token}`);
    assert.ok(await phone.locator('form[data-autosave] fieldset').first().getByLabel('Agree', { exact: true }).isChecked());
    await phone.getByRole('button', { name: 'Send my answers' }).click();
    await phone.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await assertAccessible(phone);
    const count = await groups.count();
    for (let i = 0; i < count; i++) {
      const group = groups.nth(i);
      const agree = group.getByLabel('Agree', { exact: true });
      if (await agree.count()) await agree.check();
    }
    await phone.getByLabel('Yes').last().check();
    await phone.getByRole('button', { name: 'Send my answers' }).click();
    await phone.getByText('Your answers to Mobilise baseline survey have been sent.').waitFor();
    await assertAccessible(phone);
    await phone.close();
  });

  it('reads the analysis and downloads the report', async () => {
    // Four more participants answer, so results can be shown without identifying anyone.
    const mail = await server.db.select().from(mailMessages).where(eq(mailMessages.workspaceId, ws.id));
    for (const person of cohort.slice(1)) {
      const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(mail.find((m) => m.toAddress === person.email)!.textBody)![1];
      const agent = new Agent(server.app);
      const page = await agent.get(`/s/${token}`);
      const fields: Record<string, string> = { action: 'submit', quoteConsent: 'no' };
      for (const match of page.body.matchAll(/name="(q-[0-9a-f-]{36})" type="radio" value="1"/g)) fields[match[1]] = '3';
      assert.equal((await agent.post(`/s/${token}`, fields)).statusCode, 200);
    }
    await facilitator.goto(`${server.url}${base}/evaluation/analysis`);
    await facilitator.getByRole('heading', { name: 'Knowledge and understanding' }).waitFor();
    assert.match((await facilitator.textContent('main')) ?? '', /5 of 5 answered|100%/);
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: 'Report', exact: true }).click();
    await facilitator.getByRole('heading', { name: 'Mobilise pilot: evaluation report' }).waitFor();
    await assertAccessible(facilitator);
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('link', { name: 'a Word document' }).click()]);
    assert.match(download.suggestedFilename(), /^evaluation-report-.*\.docx$/);
    const file = readFileSync(await download.path());
    assert.equal(file.subarray(0, 2).toString(), 'PK');
  });
});
