import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { importEvidenceItems } from '../../src/features/evidence/import-evidence.ts';
import { topics } from '../../src/features/topics/tables.ts';
import { accessibilityProblems, describeViolations, launchBrowser, startServer, signIn, openPage } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { fromRoot } from '../../src/core/paths.ts';
import { createTestWorkspace, type TestWorkspace } from '../support/factories.ts';

/** The evidence journeys in a real browser: add an item, import a RIS file, search and filter the library. */
describe('evidence library in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let ws: TestWorkspace;
  let page: Page;

  async function check() {
    const problems = await accessibilityProblems(page);
    assert.deepEqual(problems, [], describeViolations(page.url(), problems));
  }

  before(async () => {
    // This server works the job queue itself, as a real one does: imports run on it.
    server = await startServer('pglite', { JOB_WORKERS: 'true' });
    browser = await launchBrowser();
    ws = await createTestWorkspace(server.db, 'Early Years Evidence Partnership');
    await server.db.insert(topics).values([
      { workspaceId: ws.id, name: 'Early language' },
      { workspaceId: ws.id, name: 'Foster carer recruitment' },
    ]);
    await importEvidenceItems(server.db, ws.id, { accountId: null, name: 'Test' }, [
      {
        sourceType: 'systematic_review',
        title: 'Book sharing and early language: a systematic review',
        abstract: 'Sharing picture books with toddlers improves expressive vocabulary.',
        year: 2019,
      },
      {
        sourceType: 'lived_experience',
        title: 'Parents talk about screens at home',
        abstract: 'Parents describe how screens crowd out conversation with babies.',
        year: 2024,
      },
      {
        sourceType: 'evaluation_report',
        title: 'Evaluation of a regional foster carer recruitment hub',
        abstract: 'Shared marketing doubled enquiries across six authorities.',
        year: 2023,
      },
    ]);
    page = await openPage(browser);
    await signIn(page, server.url, ws.admin);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a research item with its appraisal', async () => {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Evidence' }).click();
    await page.getByRole('heading', { name: 'Evidence library' }).waitFor();
    await check();
    await page.getByRole('link', { name: 'Add evidence' }).click();
    await check();
    await page.getByLabel('Research study').check();
    await page.getByLabel('Title').fill('Talking with babies: a trial of parent coaching');
    await page.getByLabel('Authors (optional)').fill('Adeyemi, Helen');
    await page.getByLabel('Year (optional)').fill('22');
    await page.getByLabel('Plain-English summary (optional)').fill('Coaching parents to talk with their babies raised vocabulary at two.');
    await page.getByLabel('Early language').check();
    await page.getByLabel('Moderate').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check();
    await page.getByRole('link', { name: 'Enter the year as 4 digits, like 2021' }).waitFor();
    await page.getByLabel('Year (optional)').fill('2022');
    await page.getByLabel('Why this rating').fill('One well-run trial, not yet replicated.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('to the library.').waitFor();
    assert.match((await page.textContent('main')) ?? '', /Moderate evidence/);
    await check();
  });

  it('imports a Zotero RIS file through the preview', async () => {
    await page.goto(`${server.url}${ws.base}/evidence`);
    await page.getByRole('link', { name: 'Import references' }).click();
    await check();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('link', { name: 'Choose a RIS, BibTeX, PubMed, CSL-JSON or CSV file to import' }).waitFor();
    await check();
    await page.setInputFiles('#file', fromRoot('test/fixtures/zotero.ris'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'zotero.ris' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', /It has no title/);
    await check();
    // Hold the progress poll until the progress page has been checked, so it cannot move on mid-check.
    let release!: () => void;
    const checked = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/import-progress/**', async (route) => {
      await checked;
      await route.continue();
    });
    await page.getByRole('button', { name: /Import \d+ new items?/ }).click();
    await page.getByRole('heading', { name: /Importing \d+ items?/ }).waitFor();
    await check();
    release();
    await page.getByText(/items? added/).waitFor({ timeout: 20_000 });
    await page.unroute('**/import-progress/**');
    await check();
    await page.getByRole('link', { name: 'Go to the library' }).click();
    await page.getByRole('heading', { name: 'Evidence library' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', /Foster carer retention: what matters to carers/);
  });

  it('shows a possible duplicate beside the library’s item and merges it on request', async () => {
    const file = fromRoot('.test-tmp/possible-duplicate.ris');
    writeFileSync(
      file,
      'TY  - RPRT\r\nTI  - Evaluation of a regional foster-carer recruitment hub\r\nPY  - 2023\r\nAB  - Shared marketing doubled enquiries across six authorities, and conversion rose from 8% to 13%.\r\nUR  - https://example.org/hub-evaluation\r\nER  - \r\n',
    );
    await page.goto(`${server.url}${ws.base}/evidence/import`);
    await page.setInputFiles('#file', file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'possible-duplicate.ris' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', /In the library:\s*Evaluation of a regional foster carer recruitment hub/);
    await check();
    await page.getByRole('button', { name: 'Merge into the library’s item record 1' }).click();
    await page.getByText('Record 1: will be merged into the item in the library.').waitFor();
    await check();
    await page.getByRole('button', { name: 'Merge 1 record' }).click();
    await page.getByText(/0 items added, 1 merged/).waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}${ws.base}/evidence?q=regional+recruitment+hub`);
    await page.getByRole('link', { name: 'Evaluation of a regional foster carer recruitment hub' }).click();
    assert.match((await page.textContent('main')) ?? '', /conversion rose from 8% to 13%/);
    await check();
  });

  it('searches with a question, narrows with filters and sorts', async () => {
    await page.goto(`${server.url}${ws.base}/evidence`);
    await page.getByLabel('Search the library').fill('does coaching parents help babies learn to talk?');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'match' }).waitFor();
    const first = await page.locator('main h2 a').first().textContent();
    assert.match(first ?? '', /Talking with babies/);
    assert.ok((await page.locator('mark').count()) > 0, 'matched words are highlighted');
    await check();
    await page.getByLabel(/Lived experience and family voice \(\d+\)/).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'match' }).waitFor();
    assert.equal(await page.locator('main h2 a').count(), 1);
    assert.match((await page.locator('main h2 a').first().textContent()) ?? '', /Parents talk about screens/);
    await check();
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByLabel('Sort by').selectOption('newest');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'match' }).waitFor();
    await check();
    await page.locator('main h2 a').first().click();
    await page.getByRole('heading', { name: 'How strong is this evidence?' }).waitFor();
    await check();
  });

  it('attaches a PDF to an item and finds the item by what the PDF says', async () => {
    await page.goto(`${server.url}${ws.base}/evidence?q=${encodeURIComponent('talking with babies')}`);
    await page.getByRole('link', { name: 'Talking with babies: a trial of parent coaching' }).click();
    await page.getByRole('heading', { name: 'Files and links' }).waitFor();
    await page.getByRole('button', { name: 'Attach file' }).click();
    await page.getByRole('link', { name: 'Choose a PDF or Word document to attach' }).waitFor();
    await check();
    await page.setInputFiles('#file', fromRoot('test/fixtures/talking-together-evaluation.pdf'));
    await page.getByLabel('Name to show (optional)').first().fill('Full evaluation report');
    await page.getByRole('button', { name: 'Attach file' }).click();
    await page.getByText('Text of 2 pages read for search.').first().waitFor();
    await check();
    await page.goto(`${server.url}${ws.base}/evidence`);
    await page.getByLabel('Search the library').fill('what did the pilot cost per review?');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'match' }).waitFor();
    assert.match((await page.locator('main h2 a').first().textContent()) ?? '', /Talking with babies/, 'only the attached PDF mentions the cost');
  });

  it('builds a reading list and opens the gap map', async () => {
    await page.goto(`${server.url}${ws.base}/evidence`);
    await page.getByRole('link', { name: 'Reading lists' }).click();
    await page.getByRole('heading', { name: 'Reading lists' }).waitFor();
    await check();
    await page.getByRole('button', { name: 'Start a reading list' }).click();
    await page.getByRole('button', { name: 'Save reading list' }).click();
    await page.getByRole('link', { name: 'Enter a title' }).waitFor();
    await check();
    await page.getByLabel('Title').fill('Early language: where to start');
    await page.getByLabel('For a topic (optional)').selectOption({ label: 'Early language' });
    await page.getByRole('button', { name: 'Save reading list' }).click();
    await page.getByText('Started “Early language: where to start”.').waitFor();
    for (const [query, title] of [
      ['book sharing', 'Book sharing and early language'],
      ['screens', 'Parents talk about screens at home'],
    ]) {
      await page.getByLabel('Search the library').fill(query);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page
        .getByRole('button', { name: `Add ${title}`, exact: false })
        .first()
        .click();
      await page.getByText(/to the reading list\./).waitFor();
    }
    await page.getByText('Write a note').first().click();
    await page.getByLabel('Note on this item').first().fill('Start here: the strongest evidence.');
    await page.getByRole('button', { name: 'Save note' }).first().click();
    await page.getByText('Saved the note.').waitFor();
    await page
      .getByRole('button', { name: /Move down/ })
      .first()
      .click();
    await page.getByText('Moved.').waitFor();
    const order = await page.locator('.bw-reading-list h2').allTextContents();
    assert.deepEqual(
      order.map((text) => text.trim()),
      ['Parents talk about screens at home', 'Book sharing and early language: a systematic review'],
    );
    await check();

    await page.goto(`${server.url}${ws.base}/evidence`);
    await page.getByRole('link', { name: 'Gap map' }).click();
    await page.getByRole('heading', { name: 'Evidence gap map' }).waitFor();
    await check();
    await page.getByLabel('Columns').selectOption({ label: 'Strength of evidence' });
    await page.getByRole('button', { name: 'Show map' }).click();
    await page.getByRole('link', { name: /^Early language, Moderate: 1 item/ }).click();
    await page.getByRole('heading', { name: 'Evidence library' }).waitFor();
    assert.match((await page.locator('main h2 a').first().textContent()) ?? '', /Talking with babies/);
    await check();
  });

  it('shows a 5,000-record import’s progress while it runs, on the embedded database', async () => {
    const rows = ['Title,Authors,Year,Abstract'];
    for (let i = 1; i <= 5000; i++)
      rows.push(
        `"Local study ${i} of family support in area ${i % 150}","Author ${i % 40}, A.",${2000 + (i % 25)},"Families and children in local authority ${i % 150} took part in study ${i}."`,
      );
    const file = fromRoot('.test-tmp/five-thousand.csv');
    writeFileSync(file, rows.join('\r\n'));
    await page.goto(`${server.url}${ws.base}/evidence/import`);
    await page.setInputFiles('#file', file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'five-thousand.csv' }).waitFor({ timeout: 30_000 });
    // Record the bar's values in the page itself (this test process shares its thread with the server,
    // so watching from here would only see what the server lets through between chunks).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const bar = document.querySelector('progress');
        if (!bar) return;
        new MutationObserver(() => sessionStorage.setItem('seen', `${sessionStorage.getItem('seen') ?? ''} ${bar.value}`)).observe(bar, { attributes: true });
      });
    });
    await page.getByRole('button', { name: 'Import 5,000 new items' }).click();
    // The server shares this process and its two cores with two other test files: allow it time to answer between chunks.
    await page.getByRole('heading', { name: 'Importing 5,000 items' }).waitFor({ timeout: 60_000 });
    await page.getByText('5,000 items added').waitFor({ timeout: 60_000 });
    // The counts moved while the import's transaction held PGlite's only connection.
    const seen = ((await page.evaluate(() => sessionStorage.getItem('seen'))) ?? '').trim().split(' ').map(Number);
    assert.ok(
      seen.some((done) => done > 0 && done < 5000),
      `progress seen: ${seen.join(', ')}`,
    );
    await check();
  });
});
