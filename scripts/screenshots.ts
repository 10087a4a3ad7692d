/**
 * `npm run screenshots`: start Bridgework on a throwaway database, load the
 * example workspace through the set-up page, and save PNGs of the main pages
 * to docs/screenshots for the README's tour.
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { exampleRoleAccounts, launchBrowser, selectLeadingText, setUpExample, startServer } from '../test/support/browser.ts';
import { buildAssets } from './build-assets.ts';
import { fromRoot } from '../src/core/paths.ts';
import { screenshotWebhook } from './screenshot-webhook.ts';
import { screenshotSso } from './screenshot-sso.ts';

const out = fromRoot('docs/screenshots');

await buildAssets();
const server = await startServer('pglite', { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const shot = async (name: string, url: string, fullPage = false) => {
    await page.goto(server.url + url);
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
    console.log(`docs/screenshots/${name}.png`);
  };
  await shot('setup', '/setup', true);
  await setUpExample(page, { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' });
  await page.waitForURL(/\/w\//);
  const base = new URL(page.url()).pathname;
  await page.screenshot({ path: path.join(out, 'home.png') });
  console.log('docs/screenshots/home.png');
  await shot('people', `${base}/people`, false);
  await page.goto(`${server.url}${base}/people?q=Adeyemi`);
  await page.getByRole('link', { name: 'Professor Helen Adeyemi' }).click();
  await page.screenshot({ path: path.join(out, 'profile.png') });
  console.log('docs/screenshots/profile.png');
  await shot('organisations', `${base}/organisations?kind=hub`);
  await page.getByRole('link', { name: 'West Yorkshire Fostering Hub' }).first().click();
  await page.screenshot({ path: path.join(out, 'organisation.png') });
  console.log('docs/screenshots/organisation.png');
  await shot('topics', `${base}/topics`);
  await shot('access', `${base}/access`);
  await shot('audit', `${base}/admin/audit`);
  await page.goto(`${server.url}${base}/people/new`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.screenshot({ path: path.join(out, 'form-errors.png') });
  console.log('docs/screenshots/form-errors.png');
  await shot('evidence-search', `${base}/evidence?q=${encodeURIComponent('what helps parents talk with babies?')}`, true);
  await page.goto(`${server.url}${base}/evidence?q=${encodeURIComponent('talk with babies')}`);
  await page.locator('main h2 a').first().click();
  await page.screenshot({ path: path.join(out, 'evidence-item.png'), fullPage: true });
  console.log('docs/screenshots/evidence-item.png');
  await shot('gap-map', `${base}/evidence/gap-map?rows=topic&columns=source_type`, true);
  await page.goto(`${server.url}${base}/evidence/lists`);
  await page.getByRole('link', { name: 'Essential reading: early language' }).click();
  await page.screenshot({ path: path.join(out, 'reading-list.png'), fullPage: true });
  console.log('docs/screenshots/reading-list.png');
  await shot('did-you-mean', `${base}/evidence?q=${encodeURIComponent('fostr carer retension')}`);
  await page.goto(`${server.url}${base}/evidence/import`);
  await page.setInputFiles('#file', fromRoot('test/fixtures/zotero.ris'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForURL(/\/evidence\/import\/[0-9a-f-]{36}/);
  await page.screenshot({ path: path.join(out, 'evidence-import-preview.png'), fullPage: true });
  console.log('docs/screenshots/evidence-import-preview.png');
  // A PubMed export with a near-identical title to an item in the library, to decide on.
  const pubmed = path.join(mkdtempSync(path.join(tmpdir(), 'bw-import-')), 'pubmed-search.nbib');
  writeFileSync(
    pubmed,
    [
      'PMID- 34567890',
      'TI  - Parent-child conversation at 18 months and vocabulary at school entry - a cohort',
      '      study.',
      'AB  - Children whose parents took more conversational turns with them at 18 months knew',
      '      more words at school entry.',
      'FAU - Adeyemi, Helen',
      'FAU - Moss, Daniel',
      'DP  - 2021 Mar',
      'JT  - Journal of child language',
      'LID - 10.1017/S0305000921000101 [doi]',
      '',
      'PMID- 34567891',
      'TI  - Home visiting and early vocabulary: a randomised trial in three English regions.',
      'FAU - Okafor, Grace',
      'DP  - 2023',
      'JT  - Child development',
    ].join('\n'),
  );
  await page.goto(`${server.url}${base}/evidence/import`);
  await page.setInputFiles('#file', pubmed);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForURL(/\/evidence\/import\/[0-9a-f-]{36}/);
  await page.screenshot({ path: path.join(out, 'evidence-import-possible-duplicate.png'), fullPage: true });
  console.log('docs/screenshots/evidence-import-possible-duplicate.png');
  await page.goto(`${server.url}${base}/programmes`);
  await page.getByRole('link', { name: 'Mobilise pilot' }).click();
  const programme = new URL(page.url()).pathname;
  await page.screenshot({ path: path.join(out, 'programme.png'), fullPage: true });
  console.log('docs/screenshots/programme.png');
  await shot('needs-board', `${programme}/needs`, true);
  await shot('calendar', `${programme}/calendar`, true);
  await shot('sessions', `${programme}/sessions`);
  await page.goto(`${server.url}${programme}/sessions`);
  await page.getByRole('link', { name: /Field visit: Riverside/ }).click();
  await page.screenshot({ path: path.join(out, 'session-visit.png'), fullPage: true });
  console.log('docs/screenshots/session-visit.png');
  await shot('you-said-we-did', `${programme}/changes`, true);
  await shot('programme-feedback', `${programme}/feedback`, true);
  await shot('support-requests', `${programme}/requests`, true);
  await shot('evaluation-analysis', `${programme}/evaluation/analysis`, true);
  await shot('evaluation-report', `${programme}/evaluation/report`, true);
  await shot('impact-log', `${programme}/evaluation/impact`);
  // The Word report's first pages, as LibreOffice renders them (when it and poppler are installed).
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((candidate) => existsSync(candidate));
  if (soffice && existsSync('/usr/bin/pdftoppm')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bw-report-'));
    const docx = await page.request.get(`${server.url}${programme}/evaluation/report.docx`);
    writeFileSync(path.join(dir, 'report.docx'), await docx.body());
    execFileSync(
      soffice,
      ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'report.docx')],
      { stdio: 'pipe' },
    );
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', path.join(dir, 'report.pdf'), path.join(out, 'word-report-page')]);
    rmSync(dir, { recursive: true, force: true });
    console.log('docs/screenshots/word-report-page-1.png … -3.png');
  } else {
    console.log('LibreOffice or pdftoppm is not installed: skipped the Word report pictures');
  }
  // The delivery loop: the hubs programme's dashboard, a return, themes and a briefing.
  await page.goto(`${server.url}${base}/programmes`);
  await page.getByRole('link', { name: 'Fostering Recruitment Support Hubs' }).click();
  const delivery = `${new URL(page.url()).pathname}/delivery`;
  await shot('delivery-dashboard', `${delivery}/dashboard`);
  await page.evaluate(() => document.querySelector('.bw-rag-grid')?.scrollIntoView());
  await page.screenshot({ path: path.join(out, 'delivery-rag-grid.png') });
  console.log('docs/screenshots/delivery-rag-grid.png');
  await shot('delivery-round', `${delivery}/rounds/12`);
  await page.goto(`${server.url}${delivery}/rounds`);
  await page.getByText('Change automatic e-mails').click();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.getElementById('automatic')?.scrollIntoView();
  });
  await page.screenshot({ path: path.join(out, 'delivery-automatic-emails.png') });
  console.log('docs/screenshots/delivery-automatic-emails.png');
  await page.goto(`${server.url}${delivery}/rounds/12?show=draft`);
  await page.locator('main table a').first().click();
  await page.screenshot({ path: path.join(out, 'delivery-return.png'), fullPage: true });
  console.log('docs/screenshots/delivery-return.png');
  await shot('delivery-themes', `${delivery}/themes`, true);
  await shot('delivery-coding', `${delivery}/themes/code`);
  // One answer with its first sentence selected as the quote.
  const answer = page.locator('.bw-unit').first();
  const answerText = (await answer.locator('blockquote').textContent())!.trim();
  await selectLeadingText(answer.locator('blockquote'), answerText.indexOf('.') + 1);
  await page.waitForFunction(() => (document.querySelector('.bw-unit textarea') as HTMLTextAreaElement).value !== '');
  await answer.screenshot({ path: path.join(out, 'delivery-quote.png') });
  console.log('docs/screenshots/delivery-quote.png');
  await page.goto(`${server.url}${delivery}/themes/emerging`);
  await page.getByRole('button', { name: 'Find emerging themes' }).click();
  await server.app.deps.jobs.workWaiting('delivery.emerging-themes');
  await page.getByRole('link', { name: 'Refresh this page' }).click();
  await page.getByLabel('Accept as a theme called').first().waitFor();
  await page.screenshot({ path: path.join(out, 'delivery-emerging.png'), fullPage: true });
  console.log('docs/screenshots/delivery-emerging.png');
  await shot('delivery-briefing', `${delivery}/briefings/11`, true);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('people-phone', `${base}/people`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Communities: the hub leads' community and its solved challenge.
  await page.goto(`${server.url}${base}/communities`);
  await page.getByRole('link', { name: 'Fostering hub leads' }).click();
  await page.screenshot({ path: path.join(out, 'community.png'), fullPage: true });
  console.log('docs/screenshots/community.png');
  await page.getByRole('link', { name: 'Has anyone cut the wait for an assessor?' }).click();
  await page.screenshot({ path: path.join(out, 'community-thread.png'), fullPage: true });
  console.log('docs/screenshots/community-thread.png');
  // Events: the recruitment community's list, a full session with its waiting list, and a past webinar's notes.
  await page.goto(`${server.url}${base}/communities`);
  await page.getByRole('link', { name: 'Recruitment marketing' }).first().click();
  await page.getByRole('link', { name: 'Events' }).click();
  await page.screenshot({ path: path.join(out, 'community-events.png'), fullPage: true });
  await page.getByRole('link', { name: 'Peer session: turning website enquiries into visits' }).click();
  await page.screenshot({ path: path.join(out, 'community-event.png'), fullPage: true });
  await page.goto(`${server.url}${base}/communities`);
  await page.getByRole('link', { name: 'Early language policy' }).click();
  await page.getByRole('link', { name: 'What should a language check at the two-year review measure?' }).click();
  await page.screenshot({ path: path.join(out, 'community-link-card.png'), fullPage: true });
  console.log('docs/screenshots/community-events.png, community-event.png, community-link-card.png');
  // Lessons: the list, one lesson with its provenance, and the lessons offered to the fostering hubs.
  await page.goto(`${server.url}${base}/lessons`);
  await page.screenshot({ path: path.join(out, 'lessons.png') });
  await page.getByRole('link', { name: 'Sign the data sharing agreement before the first shared case' }).click();
  await page.screenshot({ path: path.join(out, 'lesson.png'), fullPage: true });
  await page.getByRole('link', { name: 'Fostering Recruitment Support Hubs' }).click();
  await page.screenshot({ path: path.join(out, 'programme-lessons.png') });
  console.log('docs/screenshots/lessons.png, lesson.png, programme-lessons.png');
  // Guides: the hubs guide, its last change, its public page; and a hub lead's handover pack.
  await page.goto(`${server.url}${base}/guides`);
  await page.getByRole('link', { name: 'Guide to setting up recruitment support hubs' }).click();
  await page.screenshot({ path: path.join(out, 'guide.png') });
  await page.getByRole('link', { name: /History and differences/ }).click();
  await page.getByLabel('Compare').selectOption('1');
  await page.getByLabel('with').selectOption('2');
  await page.getByRole('button', { name: 'Show the differences' }).click();
  await page.screenshot({ path: path.join(out, 'guide-history.png') });
  await page.goto(`${server.url}${base}/guides`);
  await page.getByRole('link', { name: 'Guide to setting up recruitment support hubs' }).click();
  await page.getByRole('link', { name: 'Publish at a public address' }).click();
  await page.getByRole('button', { name: /^Publish version/ }).click();
  const publicPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await publicPage.goto(`${server.url}/public/${base.split('/').pop()}/guides/guide-to-setting-up-recruitment-support-hubs`);
  await publicPage.screenshot({ path: path.join(out, 'guide-public.png') });
  await publicPage.close();
  await page.goto(`${server.url}${base}/search?q=Louise+Hargreaves`);
  await page.getByRole('link', { name: 'Louise Hargreaves' }).first().click();
  await page.getByText('Leaving or changing role?').click();
  await page.getByRole('button', { name: 'Build the handover pack' }).click();
  await page.screenshot({ path: path.join(out, 'handover.png'), fullPage: true });
  console.log('docs/screenshots/guide.png, guide-history.png, guide-public.png, handover.png');

  // Who knows about…, an introduction, and the Mobilise cohort's network before and after.
  await page.goto(`${server.url}${base}/expertise?q=${encodeURIComponent('recruitment of foster carers')}`);
  await page.screenshot({ path: path.join(out, 'expertise.png'), fullPage: true });
  console.log('docs/screenshots/expertise.png');
  await shot('introductions', `${base}/introductions`, true);
  await shot('search', `${base}/search?q=${encodeURIComponent('recruitment')}`);
  await page.goto(`${server.url}${base}/network`);
  await page.getByRole('link', { name: 'Mobilise pilot' }).click();
  await page.screenshot({ path: path.join(out, 'network.png') });
  console.log('docs/screenshots/network.png');
  await page.getByRole('heading', { name: 'People', exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'network-people.png') });
  console.log('docs/screenshots/network-people.png');

  // The API: a token just made (shown once), and the reference read from the OpenAPI document.
  await page.goto(`${server.url}${base}/api-tokens`);
  await page.getByLabel('Name').fill('Returns dashboard');
  await page.getByLabel('Read only').check();
  await page.getByLabel('90 days').check();
  await page.getByRole('button', { name: 'Make token' }).click();
  await page.screenshot({ path: path.join(out, 'api-tokens.png'), fullPage: true });
  console.log('docs/screenshots/api-tokens.png');
  await shot('api-reference', '/api/v1/reference');

  // Webhooks: an endpoint on this machine (allowed for the tour), sent a test event, its delivery opened.
  await screenshotWebhook(page, server, base);
  await screenshotSso(page, server, base);

  // Each role's home, signed in with the example accounts the administrator's home offers.
  await page.goto(server.url + base);
  await page.getByRole('button', { name: 'Show their sign-in details' }).click();
  await page.screenshot({ path: path.join(out, 'try-each-role.png') });
  console.log('docs/screenshots/try-each-role.png');
  const roles = await exampleRoleAccounts(page);
  await shot('home-administrator', base, true);
  for (const role of roles) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const rolePage = await context.newPage();
    await rolePage.goto(`${server.url}/sign-in`);
    await rolePage.getByLabel('Email address').fill(role.email);
    await rolePage.getByLabel('Password', { exact: true }).fill(role.password);
    await rolePage.getByRole('button', { name: 'Sign in' }).click();
    await rolePage.waitForURL(/\/w\//);
    const name = `home-${role.part.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    await rolePage.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    console.log(`docs/screenshots/${name}.png`);
    if (role.part === 'Site lead') {
      // Her notifications (a mention among them) and how often she is e-mailed.
      for (const [shotName, url] of [
        ['notifications', '/notifications'],
        ['notification-settings', '/notifications/settings'],
      ]) {
        await rolePage.goto(`${server.url}${base}${url}`);
        await rolePage.screenshot({ path: path.join(out, `${shotName}.png`), fullPage: true });
        console.log(`docs/screenshots/${shotName}.png`);
      }
      await rolePage.goto(server.url + base);
      await rolePage.setViewportSize({ width: 375, height: 812 });
      await rolePage.screenshot({ path: path.join(out, `${name}-phone.png`), fullPage: true });
      console.log(`docs/screenshots/${name}-phone.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
