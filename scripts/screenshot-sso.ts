import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/support/app.ts';
import { startTestProvider } from '../test/support/oidc-provider.ts';
import { fromRoot } from '../src/core/paths.ts';

/** The README's single sign-on picture: a provider set up and checked through the form, with two rules for who may join. */
export async function screenshotSso(page: Page, server: TestApp & { url: string }, base: string): Promise<void> {
  const provider = await startTestProvider([`${server.url}/sso/${base.split('/')[2]}/callback`]);
  try {
    await page.goto(`${server.url}${base}/sso`);
    await page.getByLabel('Name on the sign-in button').fill('Partnership account');
    await page.getByLabel('Issuer').fill(provider.issuer);
    await page.getByLabel('Client ID').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Save and check the provider' }).click();
    for (const [domain, role] of [
      ['eyep-partners.example', 'Member'],
      ['education.gov.example', 'Viewer'],
    ]) {
      await page.getByLabel('An email address at a domain').check();
      await page.getByLabel('Email domain').fill(domain);
      await page.getByLabel('Their role').selectOption({ label: role });
      await page.getByRole('button', { name: 'Add the rule' }).click();
    }
    await page.goto(`${server.url}${base}/sso`);
    await page.screenshot({ path: fromRoot(path.join('docs/screenshots', 'sso.png')), fullPage: true });
    console.log('docs/screenshots/sso.png');
  } finally {
    await provider.close();
  }
}
