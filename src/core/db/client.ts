import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { fromRoot } from '../paths.ts';
import { DataFolderInUse } from './errors.ts';

/**
 * One database type for both engines: PGlite and node-postgres share Drizzle's PostgreSQL builder.
 * Queries are built from each feature's tables; the relational query API (which would need every
 * table here, in core) is not used.
 */
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine itself, when it is PGlite (tests snapshot it). */
  pglite?: PGlite;
  /** Apply committed migrations; safe to call from several servers at once on PostgreSQL. */
  migrate(): Promise<void>;
  /**
   * Raw SQL for libraries that bring their own (the job queue): with values, one
   * parameterised statement; without, a script of several.
   */
  executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** The PostgreSQL pool's connections, for monitoring (PGlite has no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export const migrationsFolder = fromRoot('migrations');

/** Where the job queue (pg-boss) keeps its tables; migrating the database creates or updates them too. */
export const JOB_SCHEMA = 'pgboss';

/** Create or update pg-boss's tables, without starting the queue. */
async function migrateJobTables(database: Pick<Database, 'executeSql'>): Promise<void> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values ?? []) },
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false, wait: true });
}

// An arbitrary constant key: servers starting together take turns to migrate.
const MIGRATION_LOCK_KEY = 7_316_004_211;

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** Folder for PGlite's files; `memory://` keeps them in memory (tests). */
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (tests start from an already-migrated copy). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Told the text of every statement the application runs (the test suite checks each is scoped to a workspace). */
  logQuery?: (sql: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const logger = options.logQuery ? { logQuery: (sql: string) => options.logQuery!(sql) } : undefined;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, logger);
  return openPglite(options.dataDir ?? './data', options.loadDataDir, logger);
}

/** How many statements each connection keeps prepared; later ones run unnamed, as before. */
const STATEMENTS_PER_CONNECTION = 200;

/**
 * A connection that runs each distinct query text as a named prepared
 * statement (named by a hash of the text), so PostgreSQL parses and plans it
 * once per connection instead of on every request: planning was half the
 * server's work on a typical page. The number kept is bounded, because some
 * queries vary in text (a list of ids, a combination of filters). It also
 * hands the server one query at a time, in the order they were asked.
 */
export class StatementCachingClient extends pg.Client {
  /** Names of the statements prepared on this connection. */
  readonly preparedNames = new Set<string>();
  /** The last query handed to the connection; the next waits for it to settle. */
  queryChain: Promise<unknown> = Promise.resolve();
}

// Called with the connection as `this` (plainQuery.apply) below.
// eslint-disable-next-line @typescript-eslint/unbound-method
const plainQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
StatementCachingClient.prototype.query = function query(this: StatementCachingClient, ...args: unknown[]) {
  const config = args[0] as { text?: unknown; name?: unknown; values?: unknown[] } | string | undefined;
  const plainConfig = typeof config === 'object' && config !== null && Object.getPrototypeOf(config) === Object.prototype;
  const values = Array.isArray(args[1]) ? args[1] : plainConfig ? config.values : undefined;
  // Only queries with parameters: they already use the extended protocol, where naming changes nothing else
  // (a text without them may hold several statements, which a prepared statement cannot).
  if (plainConfig && typeof config.text === 'string' && !config.name && values?.length) {
    const name = `bw_${createHash('sha1').update(config.text).digest('base64url').slice(0, 24)}`;
    if (this.preparedNames.has(name) || this.preparedNames.size < STATEMENTS_PER_CONNECTION) {
      this.preparedNames.add(name);
      args[0] = { ...config, name };
    }
  }
  // Callback and submittable forms go straight through, as pg expects.
  if (typeof args[args.length - 1] === 'function' || (typeof config === 'object' && config !== null && 'submit' in config)) return plainQuery.apply(this, args);
  // One query at a time: code given a transaction may run queries side by side (Promise.all), which
  // pg queues itself today but will refuse from pg 9; waiting here keeps their order and result.
  const run = () => plainQuery.apply(this, args) as Promise<unknown>;
  const result = this.queryChain.then(run, run);
  this.queryChain = result.catch(() => undefined);
  return result;
} as pg.Client['query'];

async function openPostgres(url: string, poolSize: number, logger?: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: StatementCachingClient });
  // An idle connection the server closes (restart, failover, DROP ... FORCE) is
  // simply dropped from the pool; unhandled, node-postgres would crash the process.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  // Fail fast with a clear message rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePostgres(pool, { logger });
  const database: Database = {
    db,
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePostgres(drizzlePostgres(client), { migrationsFolder });
        // pg-boss takes its own lock while it migrates its tables.
        await migrateJobTables(database);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
    async executeSql(text, values) {
      const result = await pool.query<Record<string, unknown>>(text, values);
      // A script of several statements answers with one result each; the last is the one asked for.
      const last = Array.isArray(result) ? (result as Array<{ rows: Record<string, unknown>[] }>).at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
  return database;
}

/** Shared buffers for the embedded database. */
const PGLITE_SHARED_BUFFERS = '32MB';

/** Whether a process of this machine is running (one of another user's counts). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claim a PGlite data folder for this process, or refuse: PGlite's own lock
 * file names no real process, so a second process (the command line while the
 * server runs) would open the folder and corrupt it. A claim left by a process
 * that has ended, killed without closing, is taken over. Returns the release.
 */
function claimDataFolder(dataDir: string): () => void {
  const claim = path.join(dataDir, 'bridgework.pid');
  try {
    writeFileSync(claim, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(claim, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder))
      throw new DataFolderInUse(
        `The data folder ${dataDir} is open in another Bridgework process (${holder}), such as the running server. PGlite can be open in one process at a time: stop that one first.`,
      );
    writeFileSync(claim, String(process.pid));
  }
  return () => {
    try {
      if (Number(readFileSync(claim, 'utf8')) === process.pid) rmSync(claim);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob, logger?: Logger): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => undefined : claimDataFolder(dataDir);
  const client = await PGlite.create({
    dataDir: inMemory ? undefined : path.resolve(dataDir),
    loadDataDir,
    // PGlite's 128 MB of shared buffers live inside this process; a small team's data needs far less,
    // and pages beyond it come from the operating system's file cache.
    postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  }).catch((error: unknown) => {
    release();
    throw error;
  });
  yieldBeforeEachQuery(client);
  const pgliteDb = drizzlePglite(client, { logger });
  const db = pgliteDb as unknown as Db;
  const database: Database = {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(pgliteDb, { migrationsFolder });
      await migrateJobTables(database);
    },
    pglite: client,
    async executeSql(text, values) {
      if (values.length) return client.query<Record<string, unknown>>(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async close() {
      await client.close();
      release();
    },
  };
  return database;
}

/**
 * PGlite runs each query on this thread and hands back the result through
 * promises alone, so the queries of every page in progress ran back to back
 * without the event loop getting a turn: under load, new connections waited
 * seconds before their first request was even read (p99 of 6 s at 50 connections).
 * Letting the loop take its turn before each query keeps the waits even.
 * Queries inside a transaction go through the transaction's own handle, unaffected.
 */
function yieldBeforeEachQuery(client: PGlite) {
  const query = client.query.bind(client);
  client.query = async (...args: Parameters<PGlite['query']>) => {
    await new Promise((resolve) => setImmediate(resolve));
    return query(...args);
  };
}

/** Raw rows from a SQL fragment, the same shape on both engines. */
export async function rows<T>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Refresh the planner's statistics. After a bulk load (the example workspace,
 * an imported workspace) the planner still believes the tables are empty and
 * picks nested loops that are ten times slower; PGlite has no autovacuum at
 * all, so there this is the only way its statistics ever change.
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE`);
}

/**
 * A statement prepared once per database and reused, for the queries every
 * request runs: building and planning them each time is measurable work.
 */
export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statement = cache.get(db);
    if (statement === undefined) cache.set(db, (statement = prepare(db)));
    return statement;
  };
}
