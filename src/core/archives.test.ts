import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { ArchiveRefused, checkArchive } from './archives.ts';
import { zipBomb } from '../../test/support/zip-bomb.ts';

describe('archives are checked within a bound before they are opened', () => {
  it('passes an ordinary archive', async () => {
    await checkArchive(Buffer.from(zipSync({ 'a.xml': new TextEncoder().encode('<a/>'.repeat(1000)) })));
  });

  it('refuses an archive that expands past the limit, with the reason, holding only a buffer at a time', async () => {
    const bomb = zipBomb();
    assert.ok(bomb.length < 1024 * 1024, `the bomb is small on disk (${bomb.length} bytes)`);
    await assert.rejects(
      checkArchive(bomb),
      (error: unknown) => error instanceof ArchiveRefused && !error.unreadable && /expands to more than 100\.0 MB/.test(error.message),
    );
  });

  it('refuses an archive whose parts claim to be smaller than they are', async () => {
    const honest = Buffer.from(zipSync({ 'big.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 9 }));
    // Rewrite the declared uncompressed size (local header offset 22, central directory entry offset 24) to 10 bytes.
    const lying = Buffer.from(honest);
    lying.writeUInt32LE(10, 22);
    const central = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(10, central + 24);
    await assert.rejects(checkArchive(lying), ArchiveRefused);
  });

  it('refuses an archive of too many parts', async () => {
    const parts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`part${i}.xml`, new Uint8Array(1)]));
    await assert.rejects(checkArchive(Buffer.from(zipSync(parts)), { maxEntries: 10, maxExpandedBytes: 1024 }), /holds 20 parts, more than the 10/);
  });

  it('says a file that is not a ZIP cannot be read', async () => {
    await assert.rejects(checkArchive(Buffer.from('not a zip')), (error: unknown) => error instanceof ArchiveRefused && error.unreadable);
  });
});
