import { zipSync } from 'fflate';

/**
 * A small ZIP that expands far beyond the archive limit: an Office document's
 * usual first part, then one part of zeros. About 100 KB on disk.
 */
export function zipBomb(expandedBytes = 110 * 1024 * 1024, mainPart = 'word/document.xml'): Buffer {
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
        [mainPart]: new Uint8Array(expandedBytes),
      },
      { level: 9 },
    ),
  );
}
