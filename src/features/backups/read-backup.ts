import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { formatNumber } from '../../core/views/format.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupProblem, backupHeaderSchema, type BackupHeader } from './format.ts';

/** The lines of a backup file, uncompressed as they are read; damage to the compression is a BackupProblem. */
async function* backupLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        yield pending.slice(start, end);
        start = end + 1;
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupProblem(`There is no file ${file}.`);
    if (code === 'Z_DATA_ERROR') throw new BackupProblem('This is not a Bridgework backup: it is not a gzip-compressed file, or it is damaged.');
    if (code === 'Z_BUF_ERROR') throw new BackupProblem('The backup ends too early: it was cut short while it was written or copied.');
    throw error;
  } finally {
    source.destroy();
  }
  pending += decoder.end();
  if (pending) yield pending;
}

/** A backup's contents as they are read: the header, then each table's rows, then the end. */
export type BackupEntry = { kind: 'table'; table: string } | { kind: 'row'; json: string } | { kind: 'rows'; table: string; count: number };

export interface CheckedBackup {
  header: BackupHeader;
  /** Each table the backup holds and how many rows, in the order written. */
  tables: Map<string, number>;
}

function parseMarker(line: string, lineNumber: number): unknown[] {
  try {
    const marker = JSON.parse(line) as unknown;
    if (Array.isArray(marker)) return marker;
  } catch {
    // Reported below as a damaged line.
  }
  throw new BackupProblem(`Line ${formatNumber(lineNumber)} of the backup is damaged: it is not what a backup holds there.`);
}

/**
 * Read a backup through once, checking that it is whole and unchanged, before
 * anything in the database is touched: a header this release understands,
 * every table closed with its row count, and a last line whose digest matches
 * every line before it. `onEntry` is told each entry as it is read.
 */
export async function readBackup(file: string, onEntry?: (entry: BackupEntry) => Promise<void>): Promise<CheckedBackup> {
  const digest = createHash('sha256');
  const tables = new Map<string, number>();
  let header: BackupHeader | undefined;
  let table: string | undefined;
  let count = 0;
  let lineNumber = 0;
  let completeDigest: string | undefined;
  for await (const line of backupLines(file)) {
    lineNumber += 1;
    if (completeDigest !== undefined) {
      if (line === '') continue;
      throw new BackupProblem('The backup goes on after its last line: it was changed after it was written.');
    }
    if (!header) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      const format = (parsed as { format?: unknown } | undefined)?.format;
      if (format !== BACKUP_FORMAT) throw new BackupProblem('This is not a Bridgework backup: its first line does not say so.');
      const result = backupHeaderSchema.safeParse(parsed);
      if (!result.success) throw new BackupProblem('The backup’s first line is damaged: it does not say when and from what it was made.');
      if (result.data.version > BACKUP_VERSION)
        throw new BackupProblem(`This backup was made by a newer Bridgework (${result.data.release}); restore it with that release or a later one.`);
      header = result.data;
      digest.update(`${line}\n`);
      continue;
    }
    if (table !== undefined && line.startsWith('{')) {
      count += 1;
      digest.update(`${line}\n`);
      await onEntry?.({ kind: 'row', json: line });
      continue;
    }
    const marker = parseMarker(line, lineNumber);
    if (marker[0] === 'complete' && table === undefined && typeof marker[1] === 'string') {
      completeDigest = marker[1];
      continue;
    }
    digest.update(`${line}\n`);
    if (marker[0] === 'table' && table === undefined && typeof marker[1] === 'string') {
      table = marker[1];
      count = 0;
      await onEntry?.({ kind: 'table', table });
    } else if (marker[0] === 'rows' && marker[1] === table && table !== undefined) {
      if (marker[2] !== count)
        throw new BackupProblem(`The backup’s table ${table} should hold ${formatNumber(marker[2])} rows but holds ${formatNumber(count)}: it is damaged.`);
      tables.set(table, count);
      await onEntry?.({ kind: 'rows', table, count });
      table = undefined;
    } else throw new BackupProblem(`Line ${formatNumber(lineNumber)} of the backup is damaged: it is not what a backup holds there.`);
  }
  if (!header) throw new BackupProblem('The backup is empty.');
  if (completeDigest === undefined)
    throw new BackupProblem(
      `The backup ends too early${table ? `, inside the table ${table}` : ''}: it was cut short while it was written or copied, so it cannot be restored.`,
    );
  if (completeDigest !== digest.digest('hex'))
    throw new BackupProblem('The backup was changed or damaged after it was written: its contents no longer match its digest.');
  return { header, tables };
}
