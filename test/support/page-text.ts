import assert from 'node:assert/strict';

/** The words of a page's main content, short enough to read in a failure message. */
export function pageExcerpt(body: string, length = 900): string {
  return body
    .slice(Math.max(0, body.indexOf('<main')))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, length);
}

/** Assert a page matches, printing its main text rather than the whole HTML when it does not. */
export function assertPageHas(body: string, pattern: RegExp, message?: string): void {
  assert.ok(pattern.test(body), message ?? `expected ${pattern} in: ${pageExcerpt(body)}`);
}

export function assertPageLacks(body: string, pattern: RegExp, message?: string): void {
  assert.ok(!pattern.test(body), message ?? `did not expect ${pattern} in: ${pageExcerpt(body)}`);
}
