import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from './app.ts';
import type { Backend } from './database.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * How long a step may wait for the page. CI runs three test files at once on two
 * cores, beside other browsers; there the first Word or PDF upload in a test
 * process (which loads the parsing library through tsx) has taken 10 s. A page
 * that truly hangs still fails the step.
 */
export const STEP_TIMEOUT_MS = 30_000;

/** A page in its own browser context; our CSP blocks the injected axe-core, so pages bypass it. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true, ...options });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

/** The real app listening on a free local port, for a real browser. */
export async function startServer(backend: Backend = 'pglite', env: Record<string, string> = {}): Promise<TestApp & { url: string }> {
  const port = 0;
  const t = await buildTestApp(backend, { env: { PUBLIC_URL: 'http://127.0.0.1', ...env } });
  await t.app.listen({ host: '127.0.0.1', port });
  const address = t.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  // Links in e-mails must point at this server.
  t.config.publicUrl = url;
  return { ...t, url };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Run axe-core (WCAG 2.x A and AA rules) on the page; return serious and critical
 * violations. Pages must be opened with bypassCSP, as our CSP blocks injected scripts.
 */
export async function accessibilityProblems(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export function describeViolations(url: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${url}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** Fail the test with axe's findings if the page has any accessibility violation. */
export async function assertAccessible(page: Page): Promise<void> {
  const problems = await accessibilityProblems(page);
  if (problems.length) throw new Error(describeViolations(page.url(), problems));
}

/** Select the first `length` characters of an element's text (after leading space), as dragging the mouse over them would. */
export async function selectLeadingText(element: Locator, length: number): Promise<void> {
  await element.evaluate((node, length) => {
    const text = node.firstChild!;
    const start = text.textContent!.search(/\S/);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, length);
}

/** Sign in through the real form and wait for the page that follows. */
export async function signIn(page: Page, serverUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${serverUrl}/sign-in`);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** Type a date into a GOV.UK date input (day, month and year boxes under one legend), as a person would. */
export async function fillDate(page: Page, legend: string | RegExp, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/** Load the example workspace from the set-up page (already open), as its administrator, and wait for the home page. */
export async function setUpExample(page: Page, admin: { name: string; email: string; password: string }): Promise<void> {
  await page.getByLabel('Load the example workspace').check();
  await page.getByLabel('Full name').fill(admin.name);
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  // Loading the example takes a few seconds, longer while other test files share the machine.
  await page.getByRole('button', { name: 'Set up Bridgework' }).click({ timeout: 90_000 });
  await page.getByRole('heading', { name: 'What needs you now', level: 1 }).waitFor({ timeout: 90_000 });
}

/** The example's role accounts as "Try each role" shows them, on the page it has just opened: the one password and each role's address. */
export async function exampleRoleAccounts(page: Page): Promise<Array<{ part: string; email: string; password: string }>> {
  const password = (await page.locator('#example-password').textContent())!.trim();
  const rows = await page
    .locator('main tbody tr')
    .evaluateAll((found) =>
      found.map((row) => ({ part: row.querySelector('th')?.textContent?.trim() ?? '', email: row.querySelector('code')?.textContent?.trim() ?? '' })),
    );
  return rows.map((row) => ({ ...row, password }));
}
