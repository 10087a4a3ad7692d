import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, assertAccessible, openPage, setUpExample } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { rows } from '../../src/core/db/client.ts';
import { people } from '../../src/features/people/tables.ts';
import { programmes } from '../../src/features/programmes/tables.ts';

const ADMIN = { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' };

/** Institutional memory in Chromium, on the example workspace: lessons drawn, offered and applied; a guide changed, compared and published; a handover. */
describe('lessons, guides and handovers in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let page: Page;
  let home: string;

  const go = async (path: string) => {
    await page.goto(`${server.url}${path}`);
    await assertAccessible(page);
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await openPage(browser);
    await page.goto(`${server.url}/setup`);
    await setUpExample(page, ADMIN);
    home = new URL(page.url()).pathname;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers the Regional Adoption Agencies’ lessons to the fostering hubs, and records one as applied', async () => {
    await go(home);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Programmes' }).click();
    await page.getByRole('link', { name: 'Fostering Recruitment Support Hubs' }).click();
    await page.getByRole('navigation', { name: 'Programme sections' }).getByRole('link', { name: 'Lessons' }).click();
    await assertAccessible(page);
    const title = 'Recruit adopters regionally, assess locally';
    const first = page.locator('article.bw-post', { has: page.getByRole('link', { name: title }) });
    assert.match((await first.textContent()) ?? '', /Because it/);
    await first.getByLabel('Applied').check();
    await first.getByLabel('Note (optional)').fill('Written into the hubs’ set-up plan');
    await first.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Marked as applied').waitFor();
    await assertAccessible(page);
    await page.getByRole('link', { name: title }).first().click();
    await page.getByText('Applied by').first().waitFor();
    assert.match((await page.textContent('main')) ?? '', /Written into the hubs’ set-up plan/);
    await assertAccessible(page);
  });

  it('draws a lesson from a return’s insight, reviews it and publishes it', async () => {
    const [submitted] = await rows<{ programmeId: string; number: number; siteId: string }>(
      server.db,
      sql`select r.programme_id as "programmeId", ro.number, r.site_id as "siteId" from checkpoint_returns r
            join checkpoint_rounds ro on ro.id = r.round_id where r.status = 'submitted' order by ro.number desc limit 1`,
    );
    await go(`${home}/programmes/${submitted.programmeId}/delivery/rounds/${submitted.number}/sites/${submitted.siteId}`);
    await page
      .getByRole('button', { name: /Draw a lesson from this/ })
      .first()
      .click();
    await page.getByText('A draft lesson is started from it').waitFor();
    await assertAccessible(page);
    await page.getByLabel('Recommendation').fill('Share what worked at the next hub leads’ meeting, with the figures.');
    await page.getByRole('button', { name: 'Save the lesson' }).click();
    await page.getByText('The lesson is changed.').waitFor();
    assert.match((await page.textContent('main')) ?? '', /Where it came from/);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Mark as reviewed' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: later programmes will be offered it.').waitFor();
    await assertAccessible(page);
  });

  it('offers close lessons beside a return’s challenges as they are written', async () => {
    const [open] = await rows<{ programmeId: string; number: number; siteId: string }>(
      server.db,
      sql`select ro.programme_id as "programmeId", ro.number, s.id as "siteId" from checkpoint_rounds ro
            join delivery_sites s on s.programme_id = ro.programme_id
           where ro.status = 'open' and not exists (select 1 from checkpoint_returns r where r.round_id = ro.id and r.site_id = s.id and r.status = 'submitted')
           limit 1`,
    );
    await go(`${home}/programmes/${open.programmeId}/delivery/rounds/${open.number}/sites/${open.siteId}`);
    const panel = page.locator('[data-lesson-matches]').first();
    const field = await panel.getAttribute('data-for');
    await page.locator(`#${field}`).fill('The councils in our hub still cannot share enquiry records: the data sharing agreement is not signed.');
    await panel.getByRole('link', { name: 'Sign the data sharing agreement before the first shared case' }).waitFor();
    await assertAccessible(page);
  });

  it('changes a step of the guide, compares the versions, publishes it and reads it signed out', async () => {
    await go(`${home}/lessons`);
    await page.getByRole('link', { name: 'Guides' }).first().click();
    await page.getByRole('link', { name: 'Guide to setting up recruitment support hubs' }).click();
    await assertAccessible(page);
    await page.getByRole('link', { name: /Change this step.*Offer every new carer a peer mentor/ }).click();
    await assertAccessible(page);
    await page
      .getByLabel('Guidance', { exact: true })
      .fill('Carers leave most often in their first two years. Match a mentor who has fostered for at least three years before the first placement.');
    await page.getByLabel('What you changed').fill('Mentors need three years’ experience');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Step saved: version 4.').waitFor();
    await page.getByRole('link', { name: /History and differences/ }).click();
    await page.locator('.bw-diff ins').first().waitFor();
    assert.match((await page.locator('.bw-diff').textContent()) ?? '', /at least three years/);
    await assertAccessible(page);

    await page.getByRole('link', { name: 'Guide to setting up recruitment support hubs' }).first().click();
    await page.getByRole('link', { name: 'Publish at a public address' }).click();
    await assertAccessible(page);
    const publicUrl = (await page.locator('main strong.bw-break').textContent())!.trim();
    await page.getByRole('button', { name: 'Publish version 4' }).click();
    await page.getByText('Published: anyone with the address can read this version now.').waitFor();
    const reader = await openPage(browser);
    await reader.goto(publicUrl);
    await reader.getByRole('heading', { name: 'Guide to setting up recruitment support hubs', level: 1 }).waitFor();
    assert.match((await reader.textContent('main')) ?? '', /version 4/);
    assert.doesNotMatch((await reader.textContent('main')) ?? '', /Weekend calls were the hardest/, 'comments stay inside the workspace');
    await assertAccessible(reader);
    await reader.close();
  });

  it('builds a hub lead’s handover pack and passes it to her successor', async () => {
    const [louise] = await server.db.select().from(people).where(eq(people.fullName, 'Louise Hargreaves'));
    await go(`${home}/people/${louise.id}`);
    await page.getByText('Leaving or changing role?').click();
    await page.getByLabel('A note for the successor (optional)').fill('The Blackpool agreement is the one thing still open.');
    await page.getByRole('button', { name: 'Build the handover pack' }).click();
    await page.getByText('The handover pack for Louise Hargreaves is ready.').waitFor();
    await assertAccessible(page);
    assert.match((await page.textContent('main')) ?? '', /Fostering Recruitment Support Hubs/);
    const [successor] = await server.db
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, louise.workspaceId), ne(people.id, louise.id), eq(people.fullName, 'Megan Price')));
    await page.getByLabel('Successor').selectOption(successor.id);
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page
      .getByText(/Handed over to Megan Price/)
      .first()
      .waitFor();
    await assertAccessible(page);
    const [hubs] = await server.db.select().from(programmes).where(eq(programmes.name, 'Fostering Recruitment Support Hubs'));
    assert.ok(hubs);
  });
});
