import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, launchBrowser, openPage, setUpExample, startServer } from '../support/browser.ts';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.ts';

const ADMIN = { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' };
const EXAMPLE_SLUG = 'early-years-evidence-partnership';

/**
 * An administrator connects the workspace to its organisation's OpenID
 * provider (a real one, started here) and adds a rule; a new colleague then
 * finds the sign-in by their email address, signs in at the provider and
 * arrives in the workspace as a member.
 */
describe('single sign-on in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let provider: TestProvider;

  before(async () => {
    server = await startServer('pglite', { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' });
    provider = await startTestProvider([`${server.url}/sso/${EXAMPLE_SLUG}/callback`]);
    provider.people.set('jo', { email: 'jo.mensah@eyep-partners.example', email_verified: true, name: 'Jo Mensah' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it('sets up the provider and a rule, and a new colleague signs in through it', async () => {
    const page = await openPage(browser);
    await page.goto(`${server.url}/setup`);
    await setUpExample(page, ADMIN);
    await page.getByRole('link', { name: 'Admin' }).first().click();
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
    assert.equal(await page.locator('#redirect-uri').innerText(), `${server.url}/sso/${EXAMPLE_SLUG}/callback`);
    await assertAccessible(page);

    await page.getByLabel('Name on the sign-in button').fill('Partnership account');
    await page.getByLabel('Issuer').fill('http://127.0.0.1:1');
    await page.getByLabel('Client ID').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Save and check the provider' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Could not read the provider’s settings from http:\/\/127\.0\.0\.1:1/);
    await assertAccessible(page);

    await page.getByLabel('Issuer').fill(provider.issuer);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Save and check the provider' }).click();
    await page.getByText('answered as an OpenID provider should').waitFor();
    await page.getByLabel('An email address at a domain').check();
    await page.getByLabel('Email domain').fill('eyep-partners.example');
    await page.getByLabel('Their role').selectOption({ label: 'Member' });
    await page.getByRole('button', { name: 'Add the rule' }).click();
    await page.getByText('Added the rule.').waitFor();
    await assertAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.getByRole('heading', { name: 'Sign in with single sign-on', level: 1 }).waitFor();
    await assertAccessible(page);
    await page.getByLabel('Work email address').fill('jo.mensah@eyep-partners.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Continue to sign in', level: 1 }).waitFor();
    await assertAccessible(page);
    await page.getByRole('link', { name: 'Sign in to Early Years Evidence Partnership with Partnership account' }).click();

    // The provider's own pages: its sign-in form (the address came as a hint), then its consent.
    await page.waitForURL((url) => url.origin === provider.issuer);
    assert.equal(await page.locator('input[name="login"]').inputValue(), 'jo.mensah@eyep-partners.example');
    await page.locator('input[name="login"]').fill('jo');
    await page.locator('input[name="password"]').fill('their work password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText('Welcome to Early Years Evidence Partnership. You joined through Partnership account.').waitFor();
    assert.equal(new URL(page.url()).pathname, `/w/${EXAMPLE_SLUG}`);
    await assertAccessible(page);
    await page.goto(`${server.url}/account`);
    await page.getByText('jo.mensah@eyep-partners.example').first().waitFor();
    await assertAccessible(page);
    await page.close();
  });
});
