import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? templates(full) : entry.name.endsWith('.njk') ? [full] : [];
  });
}

describe('page templates', () => {
  it('carry no inline style attributes, which the content security policy blocks', () => {
    // E-mail is the exception: mail programs ignore stylesheets, and no content security policy applies there.
    const pages = templates(path.resolve('src')).filter((file) => !file.includes(`${path.sep}views${path.sep}email${path.sep}`));
    const offenders = pages.filter((file) => /\sstyle="/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, [], 'style with a class in src/assets/app.scss instead');
  });
});
