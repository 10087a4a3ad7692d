/**
 * The one background job queue: pg-boss, on the application's own database
 * (PGlite or PostgreSQL), so a job is saved with the change that asks for it
 * and several app servers on one database share the work without doing a job
 * twice (each is claimed with SELECT … FOR UPDATE SKIP LOCKED). Features
 * define their jobs; the server starts the workers and the schedules.
 */
import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import { JOB_SCHEMA, rows, type Database, type Executor } from './db/client.ts';

export interface JobDefinition<T extends object> {
  name: string;
  /** What the job does, in words for the queue page ("E-mail sent again after a failure"). */
  label: string;
  /** What to do; throwing fails the attempt, and the job is tried again after a delay that doubles each time. */
  handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>;
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelay?: number;
  expireInSeconds?: number;
  /** A cron expression (UTC) for jobs the queue starts by itself, such as the hourly maintenance. */
  schedule?: string;
}

export interface QueueSummary {
  name: string;
  label: string;
  waiting: number;
  active: number;
  failed: number;
  completed: number;
}

export interface FailedJob {
  id: string;
  name: string;
  label: string;
  data: Record<string, unknown>;
  error: string;
  retries: number;
  failedAt: Date;
}

/** pg-boss runs several statements in one text; PGlite's query takes one at a time, its exec many (without parameters). */
function executorFor(database: Database): PgBoss.Db {
  return { executeSql: (text, values) => database.executeSql(text, values ?? []) };
}

/** pg-boss's SQL (with $1, $2 … placeholders) as a Drizzle fragment, so a job can be sent inside the operation's transaction. */
export function sqlWithPlaceholders(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  // Undefined (an option not given) is a NULL parameter; Drizzle would otherwise leave it out of the text.
  parts.forEach((part, index) => chunks.push(index % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1] ?? null)}`));
  return sql.join(chunks, sql.raw(''));
}

function transactionExecutor(tx: Executor): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await rows<Record<string, unknown>>(tx, sqlWithPlaceholders(text, values ?? [])) }) };
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  /** One start shared by every caller, so two requests sending at once do not start pg-boss twice. */
  private starting: Promise<void> | undefined;
  private workersRunning = false;

  constructor(
    private readonly database: Database,
    private readonly options: { pollingIntervalSeconds?: number; onError?: (error: Error) => void } = {},
  ) {
    this.boss = new PgBoss({
      db: executorFor(database),
      schema: JOB_SCHEMA,
      migrate: false,
      // Maintenance (expiring, archiving) and schedules run only where workers run.
      supervise: false,
      schedule: false,
    });
    this.boss.on('error', (error) => options.onError?.(error));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.name, definition as JobDefinition<object>);
  }

  /** Open the queue for sending (creating each defined queue); workers start separately. */
  start(): Promise<void> {
    this.starting ??= this.open().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    await this.boss.start();
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelay ?? 30,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      });
    }
  }

  /** Work the queues and run the schedules (every app server does; each job is still done once). */
  async startWorkers(): Promise<void> {
    await this.start();
    if (this.workersRunning) return;
    this.workersRunning = true;
    for (const definition of this.definitions.values()) {
      await this.boss.work<object>(definition.name, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        await definition.handler(job.data, { id: job.id, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
      });
      if (definition.schedule) await this.boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
      else await this.boss.unschedule(definition.name).catch(() => undefined);
    }
  }

  /**
   * Do the jobs of one queue that are waiting now, here, and return how many:
   * for a server that does not work the queue (tests, the command line).
   * Each is claimed by pg-boss as a worker would, so none is done twice.
   */
  async workWaiting(name: string): Promise<number> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No job called “${name}” is defined`);
    await this.start();
    let done = 0;
    for (;;) {
      const [job] = await this.boss.fetch<object>(name);
      if (!job) return done;
      try {
        await definition.handler(job.data, { id: job.id, retryCount: 0 });
        await this.boss.complete(name, job.id);
      } catch (error) {
        await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      done++;
    }
  }

  /** Whether a job of this queue with this key is waiting or running (a programme's analysis, say). */
  async pending(name: string, singletonKey: string): Promise<boolean> {
    const [row] = await rows<{ n: number }>(
      this.database.db,
      sql`select count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job
          where name = ${name} and singleton_key = ${singletonKey} and state in ('created', 'retry', 'active')`,
    );
    return row.n > 0;
  }

  /** Queue a job; given a transaction, the job exists only if that transaction commits. */
  async send(name: string, data: object, options: { tx?: Executor; startAfterSeconds?: number; singletonKey?: string } = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`No job called “${name}” is defined`);
    await this.start();
    return this.boss.send(name, data, {
      startAfter: options.startAfterSeconds,
      singletonKey: options.singletonKey,
      ...(options.tx ? { db: transactionExecutor(options.tx) } : {}),
    });
  }

  /** Jobs waiting, running, failed and done, by queue, for jobs of this workspace (or of none, such as maintenance). */
  async summary(workspaceId: string): Promise<QueueSummary[]> {
    const found = await rows<{ name: string; state: string; n: number }>(
      this.database.db,
      sql`select name, state::text as state, count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job
          where data->>'workspaceId' = ${workspaceId} or data->>'workspaceId' is null
          group by name, state`,
    );
    return [...this.definitions.keys()].sort().map((name) => {
      const count = (...states: string[]) => found.filter((row) => row.name === name && states.includes(row.state)).reduce((sum, row) => sum + row.n, 0);
      const label = this.definitions.get(name)!.label;
      return { name, label, waiting: count('created', 'retry'), active: count('active'), failed: count('failed'), completed: count('completed') };
    });
  }

  /** Jobs of every workspace by queue and state, for monitoring (completed ones are left out: they only pile up). */
  async countsByState(): Promise<Array<{ name: string; state: string; count: number }>> {
    return rows<{ name: string; state: string; count: number }>(
      this.database.db,
      sql`select name, state::text as state, count(*)::int as count from ${sql.raw(JOB_SCHEMA)}.job where state <> 'completed' group by name, state`,
    );
  }

  /** Whether the queue has started here, and whether this server also works it. */
  state(): 'stopped' | 'sending' | 'working' {
    if (!this.starting) return 'stopped';
    return this.workersRunning ? 'working' : 'sending';
  }

  /** This workspace's jobs that failed every attempt, newest first, with the last error. */
  async failed(workspaceId: string, limit = 50, tx: Executor = this.database.db, id?: string): Promise<FailedJob[]> {
    const found = await rows<{ id: string; name: string; data: Record<string, unknown>; output: unknown; retry_count: number; completed_on: Date }>(
      tx,
      sql`select id, name, data, output, retry_count, completed_on from ${sql.raw(JOB_SCHEMA)}.job
          where state = 'failed' and data->>'workspaceId' = ${workspaceId} ${id ? sql`and id = ${id}` : sql``}
          order by completed_on desc limit ${limit}`,
    );
    return found.map((row) => ({
      id: row.id,
      name: row.name,
      label: this.definitions.get(row.name)?.label ?? row.name,
      data: row.data,
      error: errorText(row.output),
      retries: row.retry_count,
      failedAt: new Date(row.completed_on),
    }));
  }

  /** Try a failed job again, if it belongs to this workspace (in the given transaction, when there is one). */
  async retry(workspaceId: string, id: string, tx?: Executor): Promise<FailedJob | undefined> {
    const [job] = await this.failed(workspaceId, 1, tx, id);
    if (!job) return undefined;
    await this.boss.retry(job.name, job.id, tx ? { db: transactionExecutor(tx) } : undefined);
    return job;
  }

  async stop(): Promise<void> {
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
    this.starting = undefined;
    this.workersRunning = false;
  }
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  return typeof output === 'string' ? output : 'No reason was recorded';
}
