import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/support/app.ts';
import { fromRoot } from '../src/core/paths.ts';
import { deliverDue } from '../src/features/webhooks/deliver-webhooks.ts';

/** The README's webhook picture: an endpoint added through its form, a test event sent and delivered, its log opened. */
export async function screenshotWebhook(page: Page, server: TestApp & { url: string }, base: string): Promise<void> {
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`${server.url}${base}/webhooks`);
    await page.getByLabel('Address').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bridgework/events`);
    await page.getByLabel('Description (optional)').fill('Returns dashboard');
    await page.getByLabel('A site’s checkpoint return is submitted').check();
    await page.getByLabel('A checkpoint round is closed').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await deliverDue(server.db, server.config.outboundAllowedHosts);
    await page.reload();
    await page.getByText('Tries and what was sent').first().click();
    await page.screenshot({ path: fromRoot(path.join('docs/screenshots', 'webhook.png')), fullPage: true });
    console.log('docs/screenshots/webhook.png');
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
}
