import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/core/db/client.ts';
import { fromRoot } from '../../src/core/paths.ts';
import { logQuery } from './recorder.ts';

export type Backend = 'pglite' | 'postgres';

/** Written once per test run by scripts/test.ts: a PGlite data directory with every migration applied. */
export const pgliteTemplatePath = fromRoot('.test-tmp/pglite-migrated.tar.gz');

export function postgresTestUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL or DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return postgresTestUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** For PostgreSQL, the URL of this test's own database (for a second app server). */
  url?: string;
}

/** A fresh, migrated database that belongs to one test file; closing it throws it away. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const loadDataDir = existsSync(pgliteTemplatePath) ? new Blob([readFileSync(pgliteTemplatePath)]) : undefined;
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir, logQuery });
    await database.migrate();
    return database;
  }
  const adminUrl = postgresTestUrl();
  if (!adminUrl) throw new Error('Set TEST_DATABASE_URL or DATABASE_URL to test against PostgreSQL');
  const name = `bw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5, logQuery });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
