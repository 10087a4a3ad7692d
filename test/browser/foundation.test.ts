import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { mailMessages } from '../../src/core/db/tables.ts';
import { accessibilityProblems, describeViolations, launchBrowser, startServer, signIn, openPage } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';

const ADMIN = { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' };

/**
 * The foundation journeys in a real browser: set up, sign in, invite someone
 * who accepts, edit a profile. Every page visited is checked with axe-core.
 */
describe('foundation journeys in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  const checked = new Set<string>();

  async function check(page: Page) {
    const path = new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id').replace(/\/invitations\/[^/]+/, '/invitations/:token');
    const problems = await accessibilityProblems(page);
    assert.deepEqual(problems, [], describeViolations(path, problems));
    checked.add(path);
  }

  async function open(): Promise<Page> {
    const page = await openPage(browser);
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up Bridgework with the example workspace', async () => {
    const page = await open();
    await page.goto(server.url);
    assert.match(page.url(), /\/setup$/);
    await check(page);
    // A mistake first: the error summary links to the field.
    await page.getByLabel('Full name').fill(ADMIN.name);
    await page.getByRole('button', { name: 'Set up Bridgework' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(page);
    assert.equal(await page.getByLabel('Full name').inputValue(), ADMIN.name);

    await page.getByLabel('Load the example workspace').check();
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    // Loading the example takes a few seconds, longer while other test files share the machine.
    await page.getByRole('button', { name: 'Set up Bridgework' }).click({ timeout: 90_000 });
    await page.getByRole('heading', { name: 'What needs you now', level: 1 }).waitFor({ timeout: 90_000 });
    assert.match((await page.textContent('body')) ?? '', /is ready/);
    await check(page);
    for (const link of ['Lessons', 'People', 'Organisations', 'Admin']) {
      await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await check(page);
    }
    await page.close();
  });

  it('signs out and signs back in, seeing a clear error for a wrong password', async () => {
    const page = await open();
    await page.goto(`${server.url}/sign-in`);
    await check(page);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter a correct email address and password').first().waitFor();
    await check(page);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What needs you now', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.close();
  });

  it('invites a person, who accepts the invitation and edits their profile', async () => {
    const admin = await open();
    await signIn(admin, server.url, ADMIN);

    // Add a new person, then invite them from their profile.
    await admin.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'People' }).click();
    await admin.getByRole('link', { name: 'Add a person' }).click();
    await check(admin);
    await admin.getByLabel('Full name').fill('Ruth Okoro');
    await admin.getByLabel('Job title (optional)').fill('Head of Family Hubs');
    await admin.getByLabel('Organisation (optional)').selectOption({ label: 'Leeds City Council' });
    await admin.getByLabel('Email address (optional)').fill('ruth.okoro@leeds.example');
    await admin.getByLabel('Family hubs').check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('heading', { name: 'Ruth Okoro' }).waitFor();
    await check(admin);
    await admin.getByLabel('Invite them as').selectOption('member');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText('is in the e-mail outbox').waitFor();

    // The administrator finds the link in the outbox (no SMTP here).
    await admin.goto(`${server.url}/w/early-years-evidence-partnership/admin/outbox`);
    await check(admin);
    await admin
      .getByRole('link', { name: /You are invited/ })
      .first()
      .click();
    await check(admin);
    const [mail] = await server.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, 'ruth.okoro@leeds.example'))
      .orderBy(desc(mailMessages.createdAt));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invitations\/\S+)/.exec(mail.textBody)![1];
    await admin.goto(`${server.url}/w/early-years-evidence-partnership/access`);
    await check(admin);
    await admin.goto(`${server.url}/w/early-years-evidence-partnership/admin/audit`);
    await check(admin);
    await admin.goto(`${server.url}/w/early-years-evidence-partnership/admin/jobs`);
    await admin.getByRole('heading', { name: 'Background jobs' }).waitFor();
    await check(admin);

    // The invitee, in their own browser.
    const invitee = await openPage(browser);
    await invitee.goto(link);
    await check(invitee);
    await invitee.getByLabel('Choose a password').fill('ruths own passphrase');
    await invitee.getByLabel('Confirm password').fill('ruths own passphrase');
    await invitee.getByRole('button', { name: 'Accept and join' }).click();
    await invitee.getByText('Welcome to Early Years Evidence Partnership').waitFor();
    await check(invitee);
    await invitee.getByRole('link', { name: 'Your profile' }).click();
    await invitee.getByRole('heading', { name: /Ruth Okoro/ }).waitFor();
    await check(invitee);
    await invitee.getByRole('link', { name: 'Edit your profile' }).click();
    await check(invitee);
    await invitee.getByLabel('Short bio (optional)').fill('Leads the family hub network in Leeds.');
    await invitee.getByLabel('Phone (optional)').fill('not a number');
    await invitee.getByRole('button', { name: 'Save' }).click();
    await invitee.getByRole('link', { name: /Enter a phone number/ }).waitFor();
    await check(invitee);
    await invitee.getByLabel('Phone (optional)').fill('0113 222 4444');
    await invitee.getByRole('button', { name: 'Save' }).click();
    await invitee.getByText('Your profile has been saved.').waitFor();
    assert.match((await invitee.textContent('main')) ?? '', /Leads the family hub network in Leeds/);
    await check(invitee);
    await invitee.context().close();
    await admin.close();
    assert.ok(checked.size >= 12, `axe checked ${checked.size} pages: ${[...checked].join(', ')}`);
  });

  it('shows a calm 404 page', async () => {
    const page = await open();
    const response = await page.goto(`${server.url}/no/such/page`);
    assert.equal(response?.status(), 404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await check(page);
    await page.close();
  });
});
