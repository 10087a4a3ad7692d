import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows, type Database, type Tx } from '../../core/db/client.ts';
import { appliedMigrations } from '../../core/db/migrations.ts';
import { fromRoot } from '../../core/paths.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, TABLES_NOT_BACKED_UP, type BackupHeader } from './format.ts';

export interface BackupSummary {
  file: string;
  createdAt: Date;
  tables: number;
  rows: number;
  /** Size of the compressed file. */
  bytes: number;
}

/** Rows fetched from the cursor at a time: a few megabytes of JSON at most, whatever the table's size. */
const ROWS_PER_FETCH = 500;

const releaseVersion = (): string => (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

/** Every table of the application's schema that a backup holds, in name order. */
export async function backedUpTables(tx: Tx): Promise<string[]> {
  const tables = await rows<{ name: string }>(
    tx,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
  );
  return tables.map((table) => table.name).filter((name) => !TABLES_NOT_BACKED_UP.includes(name));
}

/**
 * Write every table to `file` from one snapshot of the database, while the
 * server goes on working: on PostgreSQL a read-only repeatable-read
 * transaction sees the database as it was when the backup began, whatever is
 * written meanwhile; PGlite runs one transaction at a time, so there the
 * server's other queries wait until the backup is written. Rows are read
 * through a cursor, so memory stays flat whatever the size. The file appears
 * under its name only once complete and on disk; a failure leaves nothing.
 */
export async function writeBackup(database: Database, file: string, now = new Date()): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial));
  const digest = createHash('sha256');
  const writeLine = async (line: string) => {
    const text = `${line}\n`;
    digest.update(text);
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  let tableCount = 0;
  let rowCount = 0;
  try {
    await database.db.transaction(
      async (tx) => {
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now.toISOString(),
          engine: database.kind,
          release: releaseVersion(),
          migrations: await appliedMigrations(tx),
        };
        await writeLine(JSON.stringify(header));
        for (const table of await backedUpTables(tx)) {
          tableCount += 1;
          await writeLine(JSON.stringify(['table', table]));
          await tx.execute(sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM public.${sql.identifier(table)} t`);
          let count = 0;
          for (;;) {
            const batch = await rows<{ row: string }>(tx, sql`FETCH ${sql.raw(String(ROWS_PER_FETCH))} FROM backup_rows`);
            for (const { row } of batch) await writeLine(row);
            count += batch.length;
            if (batch.length < ROWS_PER_FETCH) break;
          }
          await tx.execute(sql`CLOSE backup_rows`);
          await writeLine(JSON.stringify(['rows', table, count]));
          rowCount += count;
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const complete = JSON.stringify(['complete', digest.copy().digest('hex')]);
    gzip.end(`${complete}\n`);
    await written;
    // On disk before it takes its name, so a crash cannot leave a complete-looking file that is not.
    const handle = await open(partial, 'r+');
    const { size } = await handle.stat();
    await handle.sync();
    await handle.close();
    await rename(partial, file);
    return { file, createdAt: now, tables: tableCount, rows: rowCount, bytes: size };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
