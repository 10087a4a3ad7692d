import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { accessibilityProblems, describeViolations, exampleRoleAccounts, launchBrowser, openPage, setUpExample, signIn, startServer } from './browser.ts';
import type { TestApp } from './app.ts';

const ADMIN = { name: 'Hannah Whitcombe', email: 'hannah@eyep.example', password: 'a strong admin passphrase' };
/** A phone's width: no page may be wider. */
const PHONE = { width: 375, height: 812 };
/** Pages visited per role: enough to reach every kind of page a role has, few enough to keep CI quick. */
const PAGES_PER_ROLE = Number(process.env.CRAWL_PAGES ?? 60);

/**
 * The kind of page a link leads to: ids and round numbers collapsed, and only
 * the names of its query's fields kept, so one page of each kind is visited.
 */
export function pageKind(url: URL): string {
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  const fields = [...new Set([...url.searchParams.keys()])].filter((name) => name !== 'page').sort();
  return fields.length ? `${path}?${fields.join('&')}` : path;
}

/** Addresses of files rather than pages. */
const DOWNLOAD = /\.(docx|xlsx|csv|ics|pdf|zip|md|json|bib|ris|txt)$/i;

/** Links a crawl does not follow: leaving, and the public pages that spend a survey link. */
const NOT_FOLLOWED = /\/sign-out|\/s\/[^/]+$|\/answer$/;

interface Problem {
  role: string;
  url: string;
  problem: string;
}

/**
 * Signs in as each role of the example workspace and follows every link it can
 * reach (GET only, one page of each kind, bounded), failing on any answer but
 * 200, any serious or critical axe finding, any page wider than a phone, and
 * any "[object Object]", "undefined" or "NaN" in what the page says.
 */
/** The crawl, for the roles named (the administrator and the example's role accounts). */
export function describeCrawl(parts: string[]): void {
  describe(`a crawl of the example workspace on a phone, as ${parts.join(', ').toLowerCase()}`, () => {
    let server: TestApp & { url: string };
    let browser: Browser;
    const roles: Array<{ part: string; email: string; password: string }> = [];

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      const page = await openPage(browser);
      await page.goto(`${server.url}/setup`);
      await setUpExample(page, ADMIN);
      await page.getByRole('button', { name: 'Show their sign-in details' }).click();
      const found = await exampleRoleAccounts(page);
      roles.push(...[{ part: 'Administrator', email: ADMIN.email, password: ADMIN.password }, ...found].filter((role) => parts.includes(role.part)));
      await page.close();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /**
     * Kinds of page already checked with axe, by any role: axe takes most of a
     * crawl's time, and a kind of page is built from one template whoever looks.
     * Each role's own home is checked for them all the same.
     */
    const axeChecked = new Set<string>();

    async function problemsOn(page: Page, role: string, kind: string, always: boolean): Promise<Problem[]> {
      const url = page.url();
      const found: Problem[] = [];
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) found.push({ role, url, problem: `${width} px wide on a ${PHONE.width} px phone` });
      const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
      const slip = /\[object Object\]|\bundefined\b|\bNaN\b/.exec(text);
      if (slip) found.push({ role, url, problem: `says “${text.slice(Math.max(0, slip.index - 40), slip.index + 30).replace(/\s+/g, ' ')}”` });
      if (always || !axeChecked.has(kind)) {
        axeChecked.add(kind);
        const violations = await accessibilityProblems(page);
        if (violations.length) found.push({ role, url, problem: describeViolations('', violations) });
      }
      return found;
    }

    async function crawl(role: { part: string; email: string; password: string }): Promise<{ visited: number; problems: Problem[] }> {
      const page = await openPage(browser, { viewport: PHONE });
      await signIn(page, server.url, role);
      const start = new URL(page.url());
      const queue = [start.href];
      const seen = new Set([pageKind(start)]);
      const problems: Problem[] = [];
      let visited = 0;
      while (queue.length && visited < PAGES_PER_ROLE) {
        const href = queue.shift()!;
        visited++;
        // A download (a Word report, a spreadsheet, a calendar) is only asked for; a page is opened once, not asked for first.
        const answer = DOWNLOAD.test(new URL(href).pathname) ? await page.request.get(href) : await page.goto(href).catch(() => page.request.get(href));
        if (!answer || answer.status() !== 200) {
          problems.push({ role: role.part, url: href, problem: `answered ${answer?.status() ?? 'nothing'}` });
          continue;
        }
        if (!/text\/html/.test(answer.headers()['content-type'] ?? '') || page.url() !== href) continue;
        problems.push(...(await problemsOn(page, role.part, pageKind(new URL(href)), href === start.href)));
        const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        for (const link of links) {
          const url = new URL(link);
          url.hash = '';
          if (url.origin !== start.origin || NOT_FOLLOWED.test(url.pathname)) continue;
          const kind = pageKind(url);
          if (seen.has(kind)) continue;
          seen.add(kind);
          queue.push(url.href);
        }
      }
      await page.context().close();
      return { visited, problems };
    }

    it('finds every page each role can reach answered, accessible, phone-wide and free of slips', { timeout: 900_000 }, async () => {
      assert.equal(roles.length, parts.length, `the example has each of ${parts.join(', ')}`);
      const all: Problem[] = [];
      for (const role of roles) {
        const { visited, problems } = await crawl(role);
        console.log(`${role.part}: ${visited} pages, ${problems.length} problems`);
        all.push(...problems);
      }
      assert.deepEqual(
        all.map((p) => `${p.role} ${new URL(p.url).pathname}${new URL(p.url).search}: ${p.problem}`),
        [],
      );
    });
  });
}
