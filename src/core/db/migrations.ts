import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, rows, type Executor } from './client.ts';

/** One migration of this release, as drizzle-kit's journal lists it and Drizzle's migrator records it. */
export interface Migration {
  tag: string;
  /** The journal's timestamp: what Drizzle stores as `created_at` and compares to decide what is still to run. */
  createdAt: number;
  /** SHA-256 of the file, as Drizzle stores it. */
  hash: string;
  statements: string[];
}

/** Where Drizzle's migrator records what it has applied. */
const MIGRATIONS_TABLE = sql.raw('drizzle.__drizzle_migrations');

let release: readonly Migration[] | undefined;

/** Every migration this release carries, oldest first; read once, as the files belong to the release (/ready asks on every probe). */
export function releaseMigrations(): readonly Migration[] {
  if (release) return release;
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  release = readMigrationFiles({ migrationsFolder }).map((file, index) => ({
    tag: journal.entries[index].tag,
    createdAt: file.folderMillis,
    hash: file.hash,
    statements: file.sql,
  }));
  return release;
}

/** What the database records as applied, oldest first; none when it was never migrated. */
export async function appliedMigrations(executor: Executor): Promise<Array<{ createdAt: number; hash: string }>> {
  const [{ present }] = await rows<{ present: boolean }>(executor, sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!present) return [];
  const applied = await rows<{ created_at: string; hash: string }>(executor, sql`SELECT created_at, hash FROM ${MIGRATIONS_TABLE} ORDER BY created_at`);
  return applied.map((row) => ({ createdAt: Number(row.created_at), hash: row.hash }));
}

/**
 * Apply migrations inside the caller's transaction, recording each exactly as
 * Drizzle's migrator does, so the server's own `migrate` later carries on from
 * them. Drizzle's migrator opens a transaction of its own; a restore needs the
 * schema and the data it loads to commit or roll back together.
 */
export async function applyMigrations(tx: Executor, migrations: readonly Migration[]): Promise<void> {
  await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
  await tx.execute(sql`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
  for (const migration of migrations) {
    for (const statement of migration.statements) if (statement.trim()) await tx.execute(sql.raw(statement));
    await tx.execute(sql`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (${migration.hash}, ${migration.createdAt})`);
  }
}
