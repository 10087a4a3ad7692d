import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, assertAccessible, signIn, openPage } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../support/factories.ts';
import { fromRoot } from '../../src/core/paths.ts';

/** A community challenge from start to solved, in a real browser, with an accessibility check on every page it visits. */
describe('communities in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let ws: TestWorkspace;
  let asker: TestUser;
  let answerer: TestUser;
  let facilitator: Page;
  let askerPage: Page;
  let answererPage: Page;
  let threadUrl: string;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ws = await createTestWorkspace(server.db, 'Fostering Partnership');
    asker = await addMember(server.db, ws.id, 'member', 'David Kowalski');
    answerer = await addMember(server.db, ws.id, 'member', 'Janet Armstrong');
    facilitator = await openPage(browser);
    askerPage = await openPage(browser);
    answererPage = await openPage(browser, { viewport: { width: 375, height: 812 } });
    await signIn(facilitator, server.url, ws.admin);
    await signIn(askerPage, server.url, asker);
    await signIn(answererPage, server.url, answerer);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a facilitator starts an invitation-only community and adds its members', async () => {
    await facilitator.goto(`${server.url}${ws.base}`);
    await facilitator.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Communities' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Name').fill('Fostering hub leads');
    await facilitator.getByLabel('What it is for (optional)').fill('Problems one hub has that another has solved.');
    await facilitator.getByLabel('Only its members').check();
    await facilitator.getByRole('button', { name: 'Start the community' }).click();
    await facilitator.getByText('Started the community “Fostering hub leads”').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: 'Members' }).click();
    await facilitator.getByLabel('David Kowalski').check();
    await facilitator.getByLabel('Janet Armstrong').check();
    await facilitator.getByRole('button', { name: 'Add to the community' }).click();
    await facilitator.getByText('Added 2 people.').waitFor();
    await assertAccessible(facilitator);
  });

  it('a member asks a challenge, another answers on a phone, and the asker marks it solved', async () => {
    await askerPage.goto(`${server.url}${ws.base}/communities`);
    await askerPage.getByRole('link', { name: 'Fostering hub leads' }).click();
    await askerPage.getByLabel('A challenge').check();
    await askerPage.getByLabel('Title').fill('Has anyone cut the wait for an assessor?');
    await askerPage.getByLabel('What you want to say').fill('Households wait **eight weeks** for an assessor. <script>alert(1)</script>');
    await askerPage.getByRole('button', { name: 'Post' }).click();
    await askerPage.getByText('Your challenge is posted').waitFor();
    threadUrl = askerPage.url();
    assert.equal(await askerPage.locator('.bw-post__body strong').first().textContent(), 'eight weeks');
    assert.equal(await askerPage.locator('.bw-post__body script').count(), 0, 'script typed into a post is shown as text');
    await assertAccessible(askerPage);

    await answererPage.goto(`${server.url}${ws.base}/communities`);
    await answererPage.getByRole('link', { name: 'Fostering hub leads' }).click();
    await answererPage.getByText('1 thread has new posts since your last visit').waitFor();
    await assertAccessible(answererPage);
    await answererPage.getByRole('link', { name: 'Has anyone cut the wait for an assessor?' }).click();
    await answererPage.getByLabel('Your reply').fill('We share a pool of independent assessors across the hub. @David Kowalski, here is the contract.');
    await answererPage.getByLabel('Attach a file (optional)').setInputFiles(fromRoot('test/fixtures/front-door-practice-note.docx'));
    await answererPage.getByRole('button', { name: 'Reply' }).click();
    await answererPage.getByText('Your reply is posted.').waitFor();
    await answererPage.getByRole('link', { name: 'front-door-practice-note.docx' }).waitFor();
    await answererPage.getByRole('button', { name: 'Stop following' }).waitFor();
    assert.ok(await answererPage.evaluate(() => document.documentElement.scrollWidth <= 375), 'the thread fits a phone');
    await assertAccessible(answererPage);

    // The asker sees the mention behind the bell, and follows it to the answer.
    await askerPage.goto(`${server.url}${ws.base}`);
    await askerPage.getByRole('link', { name: /Notifications 1 unread/ }).click();
    await assertAccessible(askerPage);
    await askerPage.getByRole('link', { name: 'Janet Armstrong mentioned you in “Has anyone cut the wait for an assessor?”' }).click();
    assert.equal(askerPage.url().split('#')[0], threadUrl);
    assert.equal(await askerPage.locator('.bw-header__count').count(), 0, 'opening the thread read the notification');
    await askerPage.getByRole('button', { name: /This helped/ }).click();
    await askerPage.getByText('Marked as an answer that helped').waitFor();
    await askerPage.getByText('Solved').first().waitFor();
    await assertAccessible(askerPage);
  });

  it('the answerer is told the answer helped, and chooses to be e-mailed straight away about this community', async () => {
    await answererPage.goto(`${server.url}${ws.base}/notifications`);
    await answererPage.getByText('David Kowalski marked your answer to “Has anyone cut the wait for an assessor?” as one that helped').waitFor();
    await assertAccessible(answererPage);
    await answererPage.getByRole('link', { name: 'Choose how often you are e-mailed' }).click();
    await answererPage.getByLabel('In a weekly digest').check();
    await answererPage.getByLabel('Fostering hub leads').selectOption('immediately');
    await answererPage.getByRole('button', { name: 'Save settings' }).click();
    await answererPage.getByText('Your e-mail settings are saved.').waitFor();
    assert.equal(await answererPage.getByLabel('Fostering hub leads').inputValue(), 'immediately');
    await assertAccessible(answererPage);
  });

  it('the facilitator finds who knows about it, introduces them, and sees the network', async () => {
    await facilitator.goto(`${server.url}${ws.base}/people`);
    await facilitator.getByRole('link', { name: 'Ask who knows about it' }).click();
    await facilitator.getByLabel('What do you need to know about?').fill('independent assessors');
    await facilitator.getByRole('button', { name: 'Find people' }).click();
    await facilitator.getByText(/answered 1 challenge about “independent assessors”, marked as helping/).waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Introduce Janet Armstrong').check();
    await facilitator.getByRole('button', { name: 'Introduce the people ticked' }).click();
    await facilitator.getByRole('heading', { name: 'Introductions', exact: true, level: 1 }).waitFor();
    assert.ok(await facilitator.getByLabel('Janet Armstrong').isChecked(), 'the person ticked in the results is chosen');
    await facilitator.getByLabel('Alex Admin').check();
    await facilitator.getByLabel('Why they should talk').fill('Janet’s hub shares a pool of assessors: worth an hour before our next round.');
    await facilitator.getByRole('button', { name: 'Send the introduction' }).click();
    await facilitator.getByText(/Introduced Alex Admin and Janet Armstrong/).waitFor();
    await assertAccessible(facilitator);

    await facilitator.goto(`${server.url}${ws.base}/communities`);
    await facilitator.getByRole('link', { name: 'Fostering hub leads' }).click();
    await facilitator.getByRole('link', { name: 'Who knows whom' }).click();
    await facilitator.getByRole('img', { name: /^By / }).waitFor();
    const ties = facilitator.getByRole('region', { name: 'Ties', exact: true });
    await ties.getByText('Answered a challenge').waitFor();
    await assertAccessible(facilitator);
  });

  it('the facilitator plans a webinar with one place, a member takes it, and the next joins the waiting list', async () => {
    const next = new Date().getUTCFullYear() + 1;
    await facilitator.goto(`${server.url}${ws.base}/communities`);
    await facilitator.getByRole('link', { name: 'Fostering hub leads' }).click();
    await facilitator.getByRole('link', { name: 'Events' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Plan an event' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Title').fill('Webinar: sharing assessors');
    await facilitator.getByLabel('Day').fill('17');
    await facilitator.getByLabel('Month').fill('3');
    await facilitator.getByLabel('Year').fill(String(next));
    await facilitator.getByLabel('Starts').fill('10:00');
    await facilitator.getByLabel('Ends').fill('09:00');
    await facilitator.getByLabel('Joining link').fill('https://teams.example.org/meet/assessors');
    await facilitator.getByLabel('Number of places (optional)').fill('1');
    await facilitator.getByRole('button', { name: 'Plan the event' }).click();
    await facilitator.getByText('There is a problem').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Ends').fill('11:00');
    await facilitator.getByLabel('Janet Armstrong').check();
    await facilitator.getByRole('button', { name: 'Plan the event' }).click();
    await facilitator.getByText('“Webinar: sharing assessors” is planned').waitFor();
    await assertAccessible(facilitator);
    const eventUrl = facilitator.url();

    await askerPage.goto(eventUrl);
    await askerPage.getByRole('button', { name: 'Register for a place' }).click();
    await askerPage.getByText('You have a place.').first().waitFor();
    await askerPage.getByRole('link', { name: 'https://teams.example.org/meet/assessors' }).waitFor();
    await assertAccessible(askerPage);
    await answererPage.goto(eventUrl);
    await answererPage.getByRole('button', { name: 'Join the waiting list' }).click();
    await answererPage.getByText('You are number 1').waitFor();
    await assertAccessible(answererPage);
  });

  it('a member reports a post and the moderator hides it', async () => {
    await answererPage.goto(threadUrl);
    await answererPage.getByText('Report the opening post').click();
    await answererPage.getByRole('textbox', { name: 'What is wrong with it?' }).fill('It has a script in it');
    await answererPage.getByRole('button', { name: 'Send to the moderators' }).click();
    await answererPage.getByText('The community’s moderators will look at the post').waitFor();
    await facilitator.goto(`${server.url}${ws.base}/communities`);
    await facilitator.getByRole('link', { name: 'Fostering hub leads' }).click();
    await facilitator.getByText('Reports waiting for the moderators (1)').waitFor();
    await assertAccessible(facilitator);
  });
});
