import yauzl from 'yauzl';
import { formatFileSize, formatNumber } from './views/format.ts';

/**
 * How far an uploaded ZIP archive (an .xlsx or .docx is one) may expand. A
 * real checkpoint return or report expands to a few megabytes; a "zip bomb"
 * of 1 MB can expand to gigabytes and exhaust the server's memory when
 * Excel or Word readers open it whole.
 */
export const ARCHIVE_LIMITS = { maxEntries: 5_000, maxExpandedBytes: 100 * 1024 * 1024 };

/** An archive refused before it was opened: too large when expanded (with the reason to show), or not readable as a ZIP at all. */
export class ArchiveRefused extends Error {
  constructor(
    message: string,
    readonly unreadable = false,
  ) {
    super(message);
  }
}

function open(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

/**
 * Check an archive without keeping what it holds: count its entries, and
 * inflate each one as a stream, counting bytes and stopping at the limit (an
 * entry that says it is small but is not is caught by yauzl's size check). Memory
 * stays at one buffer's worth whatever the archive claims. Throws
 * ArchiveRefused for an archive over the limits or not a ZIP at all.
 */
export async function checkArchive(data: Buffer, limits = ARCHIVE_LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(data);
  } catch {
    throw new ArchiveRefused('The file is not a ZIP archive that can be read: it may be damaged.', true);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ArchiveRefused(`The file holds ${formatNumber(zip.entryCount)} parts, more than the ${formatNumber(limits.maxEntries)} a real document has.`);
  }
  const tooBig = () =>
    new ArchiveRefused(
      `The file expands to more than ${formatFileSize(limits.maxExpandedBytes)} when opened, far more than a real document, so it was not read.`,
    );
  let expanded = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof ArchiveRefused ? error : new ArchiveRefused('Part of the file could not be read: it may be damaged.', true));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      // The sizes an archive declares are checked first, then the real ones as they come.
      if (expanded + entry.uncompressedSize > limits.maxExpandedBytes) return fail(tooBig());
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        stream.on('data', (chunk: Buffer) => {
          expanded += chunk.length;
          if (expanded > limits.maxExpandedBytes) {
            stream.destroy();
            fail(tooBig());
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}
