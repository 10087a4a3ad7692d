import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { deliverDue } from '../../src/features/webhooks/deliver-webhooks.ts';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, launchBrowser, openPage, setUpExample, startServer } from '../support/browser.ts';

const ADMIN = { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' };

/** An administrator connects another system: adds an endpoint through the form, sends it a test event and reads the log. */
describe('webhooks in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let receiver: Server;
  const received: string[] = [];

  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(202).end('queued');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startServer('pglite', { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('adds an endpoint, corrects a mistake, sends a test event and shows it delivered', async () => {
    const page = await openPage(browser);
    await page.goto(`${server.url}/setup`);
    await setUpExample(page, ADMIN);
    await page.getByRole('link', { name: 'Admin' }).first().click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await assertAccessible(page);

    await page.getByLabel('Address').fill('https://192.168.1.20/events');
    await page.getByLabel('A lesson is published').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /private network/);
    await assertAccessible(page);

    await page.getByLabel('Address').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`);
    await page.getByLabel('Description (optional)').fill('Lessons channel');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'Lessons channel' }).waitFor();
    await page.getByText('Show the signing secret').click();
    assert.match(await page.locator('#signing-secret').innerText(), /^whsec_/);
    await assertAccessible(page);

    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('Sent a test event').waitFor();
    await deliverDue(server.db, server.config.outboundAllowedHosts);
    await page.reload();
    await page.getByText('Tries and what was sent').first().click();
    assert.match(await page.locator('.bw-delivery').first().innerText(), /Delivered[\s\S]*answered 202/);
    await assertAccessible(page);
    assert.equal(received.length, 1);
    assert.equal((JSON.parse(received[0]) as { type: string }).type, 'webhook.test');
    await page.close();
  });
});
