import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, assertAccessible, signIn, openPage, selectLeadingText, fillDate } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../support/factories.ts';
import { organisations } from '../../src/features/organisations/tables.ts';
import { people } from '../../src/features/people/tables.ts';
import { programmes } from '../../src/features/programmes/tables.ts';
import { checkpointReturns, deliveryThemes } from '../../src/features/delivery/tables.ts';
import { EMERGING_THEMES_JOB } from '../../src/features/delivery/themes/find-emerging-themes.ts';

const sections = {
  challenges: 'Carers tell us the allowance no longer covers the cost of living, and several have asked for a review.',
  insights: 'The cost of living is the first thing enquirers ask about now, before the allowance itself.',
  goodPractice: 'We paid carers a cost of living payment on top of the allowance, and they felt noticed.',
  support: 'An uplift to the allowance in line with the cost of living would help us keep carers.',
};

/** The delivery loop: configure a template, returns by form and by Excel, the dashboard, an emerging theme, the briefing. */
describe('delivery loop in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let ws: TestWorkspace;
  let facilitator: Page;
  let leads: TestUser[];
  let base: string;

  async function signedInPage(user: { email: string; password: string }) {
    const page = await openPage(browser, { acceptDownloads: true });
    await signIn(page, server.url, user);
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ws = await createTestWorkspace(server.db, 'Fostering Partnership');
    const [hub] = await server.db
      .insert(organisations)
      .values({ workspaceId: ws.id, name: 'North East Fostering Hub', kind: 'hub', region: 'North East' })
      .returning();
    const authorities = await server.db
      .insert(organisations)
      .values(
        ['Gateshead Council', 'Sunderland City Council'].map((name) => ({ workspaceId: ws.id, name, kind: 'local_authority' as const, parentId: hub.id })),
      )
      .returning();
    leads = [await addMember(server.db, ws.id, 'member', 'Gill Gateshead'), await addMember(server.db, ws.id, 'member', 'Sam Sunderland')];
    for (const [i, lead] of leads.entries()) await server.db.update(people).set({ organisationId: authorities[i].id }).where(eq(people.id, lead.personId));
    const [programme] = await server.db
      .insert(programmes)
      .values({
        workspaceId: ws.id,
        name: 'Fostering Hubs',
        kind: 'delivery_support',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        calendarToken: randomBytes(18).toString('base64url'),
      })
      .returning();
    base = `${ws.base}/programmes/${programme.id}`;
    facilitator = await signedInPage(ws.admin);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up sites, the return template and the rounds', async () => {
    await facilitator.goto(`${server.url}${base}`);
    await facilitator.getByRole('link', { name: 'Delivery', exact: true }).click();
    await facilitator.getByRole('link', { name: 'Sites' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Add sites').selectOption({ label: 'North East Fostering Hub (every authority in it)' });
    await facilitator.getByRole('button', { name: 'Add', exact: true }).click();
    await facilitator.getByText('Added 2 sites.').waitFor();
    for (const [i, name] of ['Gateshead Council', 'Sunderland City Council'].entries()) {
      await facilitator.getByRole('link', { name }).click();
      await facilitator.getByText('Add a lead or contact').click();
      await facilitator.getByLabel('Person').selectOption({ label: leads[i].name });
      await facilitator.getByRole('button', { name: 'Add', exact: true }).click();
      await facilitator.getByText(`${leads[i].name} is now a lead`).waitFor();
      await assertAccessible(facilitator);
      await facilitator.getByRole('link', { name: 'Sites', exact: true }).click();
    }
    await facilitator.getByRole('link', { name: 'Return template' }).click();
    await facilitator.getByRole('button', { name: 'Use the standard return' }).click();
    await facilitator.getByRole('link', { name: 'Add an indicator' }).click();
    await facilitator.getByRole('button', { name: 'Save' }).click();
    await facilitator.getByText('Enter the indicator’s name').first().waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Name').fill('Mockingbird constellations');
    await facilitator.getByLabel('Definition').fill('Constellations running at the end of the period.');
    await facilitator.getByLabel('Unit').fill('constellations');
    await facilitator.getByRole('button', { name: 'Save' }).click();
    await facilitator.getByText('Added “Mockingbird constellations”').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: 'Rounds' }).click();
    await fillDate(facilitator, 'First day of the first period', '2026-01-01');
    await facilitator.getByLabel('Number of rounds').fill('3');
    await facilitator.getByRole('button', { name: 'Schedule rounds' }).click();
    await facilitator.getByText('Scheduled 3 rounds.').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByText('Change automatic e-mails').click();
    await facilitator.getByLabel(/Remind sites that have not submitted/).fill('none');
    await facilitator.getByRole('button', { name: 'Save automatic e-mails' }).click();
    await facilitator.getByRole('link', { name: 'Enter the days before the due date as a number, or leave the box empty' }).waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel(/Remind sites that have not submitted/).fill('3');
    await facilitator.getByLabel(/Chase late returns/).fill('2');
    await facilitator.getByRole('button', { name: 'Save automatic e-mails' }).click();
    await facilitator.getByText('Saved. Bridgework will remind 3 days before the due date, chase late returns 2 days after it.').waitFor();
    await facilitator.getByRole('link', { name: '1: January 2026' }).click();
    await facilitator.getByRole('button', { name: 'Open the round and e-mail sites' }).click();
    await facilitator.getByText('Opened January 2026').waitFor();
    await facilitator.getByText('Reminder 3 days before the due date: 7 February 2026, to sites that have not submitted by then.').waitFor();
    await assertAccessible(facilitator);
  });

  it('a lead fills the return in the browser, saved as a draft as they type, then submits', async () => {
    const lead = await signedInPage(leads[0]);
    await lead.goto(`${server.url}${base}/delivery`);
    await lead.getByRole('heading', { name: 'Gateshead Council' }).waitFor();
    await assertAccessible(lead);
    await lead.getByRole('link', { name: '1: January 2026' }).click();
    await lead.getByLabel('Challenges').fill(sections.challenges);
    await lead.getByText(/Draft saved at/).waitFor({ timeout: 8000 });
    await lead.getByRole('button', { name: 'Submit the return' }).click();
    await lead.getByText('There is a problem').waitFor();
    await assertAccessible(lead);
    for (const group of await lead.locator('fieldset:has(input[value="green"])').all()) await group.getByLabel('Green').check();
    for (const input of await lead.locator('input[name$="-value"]').all()) await input.fill('6');
    await lead.getByLabel('Insights and learning').fill(sections.insights);
    await lead.getByLabel('Good practice').fill(sections.goodPractice);
    await lead.getByLabel('Support needed').fill(sections.support);
    await lead.getByRole('button', { name: 'Submit the return' }).click();
    await lead.getByText(/Submitted Gateshead Council’s return/).waitFor();
    await assertAccessible(lead);
    await lead.close();
  });

  it('a lead downloads the Excel return, fills it in and uploads it', async () => {
    const lead = await signedInPage(leads[1]);
    await lead.goto(`${server.url}${base}/delivery/returns`);
    await lead.getByRole('link', { name: '1: January 2026' }).click();
    const [download] = await Promise.all([
      lead.waitForEvent('download'),
      lead.getByRole('link', { name: /Download Sunderland City Council’s return as Excel/ }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    const text = Object.values(sections);
    let section = 0;
    sheet.eachRow((row) => {
      const key = row.getCell(2).text;
      if (/^w\d+$/.test(key)) row.getCell(4).value = 'Amber';
      if (/^w\d+$/.test(key)) row.getCell(6).value = 'Assessors are stretched.';
      if (/^i\d+$/.test(key)) row.getCell(4).value = 9;
      if (/^s\d+$/.test(key)) row.getCell(4).value = text[section++];
    });
    const path = `${await download.path()}.xlsx`;
    await workbook.xlsx.writeFile(path);
    await lead.setInputFiles('#file', path);
    await lead.getByLabel(/Submit it straight away/).check();
    await lead.getByRole('button', { name: 'Upload', exact: true }).click();
    await lead.getByText(/Uploaded and submitted Sunderland City Council’s return/).waitFor();
    await assertAccessible(lead);
    const saved = await server.db.select().from(checkpointReturns);
    assert.equal(saved.filter((r) => r.status === 'submitted').length, 2);
    await lead.close();
  });

  it('the facilitator reads the dashboard, accepts an emerging theme and shares a briefing', async () => {
    await facilitator.goto(`${server.url}${base}/delivery/dashboard`);
    await facilitator.getByText('returns submitted').waitFor();
    assert.match(await facilitator.locator('.bw-stat').first().innerText(), /2 \/ 2/);
    await facilitator.locator('svg.bw-sparkline').first().waitFor();
    await assertAccessible(facilitator);
    // The headline first, then by hub: a hub's sites on demand, then one site.
    await facilitator.getByRole('link', { name: 'North East Fostering Hub' }).click();
    await facilitator.getByRole('link', { name: 'Gateshead Council' }).first().click();
    await facilitator.getByRole('heading', { name: 'Latest return: January 2026' }).waitFor();
    await assertAccessible(facilitator);
    await facilitator.goto(`${server.url}${base}/delivery/themes`);
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: /Emerging themes/ }).click();
    await facilitator.getByRole('button', { name: 'Find emerging themes' }).click();
    await facilitator
      .getByText(/Bridgework is looking for emerging themes/)
      .first()
      .waitFor();
    await assertAccessible(facilitator);
    // This test server does not work the queue on its own: the test does the waiting job, then the page is refreshed.
    assert.equal(await server.app.deps.jobs.workWaiting(EMERGING_THEMES_JOB), 1);
    await facilitator.getByRole('link', { name: 'Refresh this page' }).click();
    await facilitator.getByLabel('Accept as a theme called').first().waitFor();
    await assertAccessible(facilitator);
    const name = facilitator.getByLabel('Accept as a theme called').first();
    await name.fill('Cost of living and allowances');
    await facilitator.getByRole('button', { name: 'Accept' }).first().click();
    await facilitator.getByText(/Added the theme “Cost of living and allowances” and coded \d+ answers/).waitFor();
    assert.equal((await server.db.select().from(deliveryThemes)).length, 1);
    await facilitator.goto(`${server.url}${base}/delivery/themes/code?show=all`);
    await assertAccessible(facilitator);
    // A quote that is not in the answer is refused on the page, and nothing is saved.
    await facilitator.locator('.bw-unit').first().getByLabel('Quote (optional)').fill('words nobody wrote');
    await facilitator.locator('.bw-unit').first().getByRole('button', { name: 'Save themes' }).click();
    await facilitator.getByRole('link', { name: /The quote must be words from the answer/ }).waitFor();
    await assertAccessible(facilitator);
    // Selecting words in an answer makes them the quote for its themes.
    const card = facilitator.locator('.bw-unit').first();
    const answer = (await card.locator('blockquote').textContent())!.trim();
    const words = answer.split(/\s+/).slice(0, 6).join(' ');
    await selectLeadingText(card.locator('blockquote'), words.length);
    const box = card.getByLabel('Quote (optional)');
    await facilitator.waitForFunction(({ id, expected }) => (document.getElementById(id) as HTMLTextAreaElement).value === expected, {
      id: (await box.getAttribute('id'))!,
      expected: words,
    });
    await card.getByRole('button', { name: 'Save themes' }).click();
    await facilitator.getByText('Saved the themes for that answer.').waitFor();
    assert.equal(await facilitator.locator('.bw-unit').first().getByLabel('Quote (optional)').inputValue(), words);
    await facilitator.goto(`${server.url}${base}/delivery/briefings`);
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: '1: January 2026' }).click();
    await facilitator.getByRole('button', { name: 'Draft the briefing from the returns' }).click();
    await facilitator.getByText('2 of 2 sites submitted their return for January 2026').waitFor();
    await facilitator.getByText(/Cost of living and allowances: raised in \d+ answers/).waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Edit the words' }).click();
    await facilitator.getByLabel('Headline').fill('Both authorities reported; the cost of living is the theme to take to the department.');
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Save the briefing' }).click();
    await facilitator.getByRole('button', { name: 'Share with the department and sites' }).click();
    await facilitator.getByText('Shared the briefing').waitFor();
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('link', { name: 'Download as Word' }).click()]);
    assert.match(download.suggestedFilename(), /briefing round 1\.docx/);
  });
});
