import { sql } from 'drizzle-orm';
import { refreshPlannerStatistics, rows, type Database, type Tx } from '../../core/db/client.ts';
import { appliedMigrations, applyMigrations, releaseMigrations, type Migration } from '../../core/db/migrations.ts';
import { countOf, formatNumber } from '../../core/views/format.ts';
import { BackupProblem, type BackupHeader } from './format.ts';
import { readBackup } from './read-backup.ts';
import { backedUpTables } from './write-backup.ts';

export interface RestoreOptions {
  /** Delete whatever the database holds first; without it, a database that holds anything is refused. */
  replace?: boolean;
}

export interface RestoreSummary {
  createdAt: string;
  tables: number;
  rows: number;
  /** Migrations applied after the backup's rows were loaded, for a backup made by an earlier release. */
  laterMigrations: number;
}

/** Rows sent in one statement, and the most text one may carry (files make some rows large). */
const ROWS_PER_INSERT = 1000;
const TEXT_PER_INSERT = 8 * 1024 * 1024;

/**
 * The migrations the backup's database had: they must be this release's
 * first ones, in order. A backup from an earlier release is loaded into the
 * schema it was made with and brought up to date afterwards, as an upgrade would.
 */
function migrationsOfBackup(header: BackupHeader, release: readonly Migration[]): readonly Migration[] {
  if (header.migrations.length > release.length)
    throw new BackupProblem(`This backup was made by a newer Bridgework (${header.release}); restore it with that release or a later one.`);
  header.migrations.forEach((migration, index) => {
    if (migration.createdAt !== release[index].createdAt || migration.hash !== release[index].hash)
      throw new BackupProblem(`This backup’s database was changed by a migration this release does not have (${migration.tag ?? migration.createdAt}).`);
  });
  return release.slice(0, header.migrations.length);
}

/** What the target database already holds: people's accounts and workspaces, or nothing. */
async function holdings(database: Database): Promise<{ workspaces: number; accounts: number; tables: number }> {
  const [{ tables }] = await rows<{ tables: number }>(
    database.db,
    sql`SELECT count(*)::int AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p')`,
  );
  const count = async (table: string) => {
    const [{ present }] = await rows<{ present: boolean }>(database.db, sql`SELECT to_regclass(${`public.${table}`}) IS NOT NULL AS present`);
    if (!present) return 0;
    const [{ n }] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM public.${sql.identifier(table)}`);
    return n;
  };
  return { workspaces: await count('workspaces'), accounts: await count('accounts'), tables };
}

/** Each foreign key of the schema, to drop while rows load in any order and add back (checking every row) after. */
async function foreignKeys(tx: Tx) {
  return rows<{ table_name: string; name: string; definition: string }>(
    tx,
    sql`SELECT conrelid::regclass::text AS table_name, conname AS name, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`,
  );
}

/** The columns a row is written into: generated ones are left to the database, and identity columns take the backup's values. */
async function writableColumns(tx: Tx, table: string) {
  const columns = await rows<{ name: string; identity: string; generated: string }>(
    tx,
    sql`SELECT attname AS name, attidentity::text AS identity, attgenerated::text AS generated FROM pg_attribute
        WHERE attrelid = ${`public."${table}"`}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  return {
    names: columns.filter((column) => column.generated === '').map((column) => column.name),
    alwaysIdentity: columns.some((column) => column.identity === 'a'),
  };
}

/** Sequences (serial and identity columns) carry on after the highest restored value. */
async function resetSequences(tx: Tx) {
  const owned = await rows<{ table_name: string; column_name: string; sequence: string }>(
    tx,
    sql`SELECT c.relname AS table_name, a.attname AS column_name, pg_get_serial_sequence(format('public.%I', c.relname), a.attname) AS sequence
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(format('public.%I', c.relname), a.attname) IS NOT NULL`,
  );
  for (const { table_name, column_name, sequence } of owned)
    await tx.execute(
      sql`SELECT setval(${sequence}, COALESCE((SELECT max(${sql.identifier(column_name)}) FROM public.${sql.identifier(table_name)}), 0) + 1, false)`,
    );
}

/**
 * Bring a backup back into a database, on PGlite or PostgreSQL whichever made
 * it. The file is read through once and checked whole first; then, in one
 * transaction, the schema is made as it was when the backup was taken, every
 * row is loaded (foreign keys dropped and added back, so each is checked once
 * at the end), sequences carry on, this release's later migrations run, and
 * each table's count is compared with the backup's. Any failure rolls it all
 * back and leaves the database as it was. The server must be stopped.
 */
export async function restoreBackup(database: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const checked = await readBackup(file);
  const release = releaseMigrations();
  const before = migrationsOfBackup(checked.header, release);
  const held = await holdings(database);
  if ((held.workspaces || held.accounts) && !options.replace)
    throw new BackupProblem(
      `The database already holds ${countOf(held.workspaces, 'workspace')} and ${countOf(held.accounts, 'account')}. Restore into an empty database, or add --replace to delete everything in this one first.`,
    );
  let restoredRows = 0;
  await database.db.transaction(async (tx) => {
    if (held.tables) {
      // pg-boss's jobs name records of the database being replaced; the server makes its schema again.
      await tx.execute(sql`DROP SCHEMA IF EXISTS pgboss CASCADE`);
      await tx.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await tx.execute(sql`DROP SCHEMA public CASCADE`);
      await tx.execute(sql`CREATE SCHEMA public`);
    }
    await applyMigrations(tx, before);
    const keys = await foreignKeys(tx);
    for (const key of keys) await tx.execute(sql`ALTER TABLE ${sql.raw(key.table_name)} DROP CONSTRAINT ${sql.identifier(key.name)}`);
    const known = new Set(await backedUpTables(tx));
    let insert: { table: string; columns: string[]; alwaysIdentity: boolean } | undefined;
    let batch: string[] = [];
    let batchText = 0;
    const flush = async () => {
      if (!insert || batch.length === 0) return;
      const columns = sql.join(
        insert.columns.map((name) => sql.identifier(name)),
        sql`, `,
      );
      const target = sql`public.${sql.identifier(insert.table)}`;
      await tx.execute(
        sql`INSERT INTO ${target} (${columns}) ${insert.alwaysIdentity ? sql`OVERRIDING SYSTEM VALUE` : sql``}
            SELECT ${columns} FROM jsonb_populate_recordset(NULL::${target}, ${`[${batch.join(',')}]`}::jsonb)`,
      );
      restoredRows += batch.length;
      batch = [];
      batchText = 0;
    };
    await readBackup(file, async (entry) => {
      if (entry.kind === 'table') {
        if (!known.has(entry.table)) throw new BackupProblem(`The backup holds a table this release does not have (${entry.table}).`);
        const columns = await writableColumns(tx, entry.table);
        insert = { table: entry.table, columns: columns.names, alwaysIdentity: columns.alwaysIdentity };
      } else if (entry.kind === 'row') {
        batch.push(entry.json);
        batchText += entry.json.length;
        if (batch.length >= ROWS_PER_INSERT || batchText >= TEXT_PER_INSERT) await flush();
      } else {
        await flush();
        insert = undefined;
      }
    });
    for (const key of keys) await tx.execute(sql`ALTER TABLE ${sql.raw(key.table_name)} ADD CONSTRAINT ${sql.identifier(key.name)} ${sql.raw(key.definition)}`);
    await resetSequences(tx);
    for (const [table, expected] of checked.tables) {
      const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM public.${sql.identifier(table)}`);
      if (n !== expected) throw new BackupProblem(`The table ${table} took ${formatNumber(n)} rows of the backup’s ${formatNumber(expected)}.`);
    }
    await applyMigrations(tx, release.slice(before.length));
    const applied = await appliedMigrations(tx);
    if (applied.length !== release.length) throw new BackupProblem('The database’s migrations do not match this release after the restore.');
  });
  // The job queue's own tables, made again outside the transaction as the server makes them.
  await database.migrate();
  await refreshPlannerStatistics(database.db);
  return {
    createdAt: checked.header.createdAt,
    tables: checked.tables.size,
    rows: restoredRows,
    laterMigrations: release.length - before.length,
  };
}
