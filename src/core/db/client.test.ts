import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDatabase, postgresTestUrl, testBackends, type TestDatabase } from '../../../test/support/database.ts';
import { StatementCachingClient } from './client.ts';

for (const backend of testBackends()) {
  describe(`database connections (${backend})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(backend);
    });
    after(() => database.close());

    it('answers queries asked side by side inside a transaction, each with its own result, without pg’s deprecation warning', async () => {
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(warning.message);
      process.on('warning', onWarning);
      try {
        const answers = await database.db.transaction((tx) => Promise.all([1, 2, 3, 4].map((n) => tx.execute(sql`SELECT ${n}::int * 10 AS answer`))));
        assert.deepEqual(
          answers.map((result) => Number((result as unknown as { rows: { answer: number }[] }).rows[0].answer)),
          [10, 20, 30, 40],
        );
        await assert.rejects(
          database.db.transaction((tx) => Promise.all([tx.execute(sql`SELECT n FROM no_such_table`), tx.execute(sql`SELECT 1`)])),
          /no_such_table/,
        );
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(
          warnings.filter((message) => message.includes('already executing')),
          [],
        );
      } finally {
        process.off('warning', onWarning);
      }
    });

    if (backend === 'pglite') {
      it('gives the event loop a turn before each query, so waiting connections are not starved by a run of queries', async () => {
        const events: string[] = [];
        setImmediate(() => events.push('event loop turn'));
        await database.db.execute(sql`SELECT 1`);
        events.push('query answered');
        assert.deepEqual(events, ['event loop turn', 'query answered']);
      });
    }
  });
}

// The prepared-statement connection is PostgreSQL's own; these run wherever the suite has a server (CI always does).
if (testBackends().includes('postgres'))
  describe('statements prepared once per connection (postgres)', () => {
    async function withClient(run: (client: StatementCachingClient) => Promise<void>) {
      const client = new StatementCachingClient({ connectionString: postgresTestUrl() });
      await client.connect();
      try {
        await run(client);
      } finally {
        await client.end();
      }
    }

    const preparedCount = async (client: StatementCachingClient) =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_prepared_statements')).rows[0].n);

    it('prepares a query with parameters once and reuses it with other values', async () => {
      await withClient(async (client) => {
        for (const value of [1, 2, 3]) {
          const { rows } = await client.query<{ answer: number }>({ text: 'SELECT $1::int + 1 AS answer' }, [value]);
          assert.equal(rows[0].answer, value + 1);
        }
        assert.equal(await preparedCount(client), 1);
      });
    });

    it('leaves texts without parameters alone, so several statements in one still run', async () => {
      await withClient(async (client) => {
        await client.query('CREATE TEMP TABLE t (n int); INSERT INTO t VALUES (1), (2)');
        assert.equal((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n, 2);
        assert.equal(await preparedCount(client), 0);
      });
    });

    it('keeps at most 200 statements on a connection; later texts still run, unprepared', async () => {
      await withClient(async (client) => {
        for (let i = 0; i < 230; i++) {
          const { rows } = await client.query<{ answer: number }>({ text: `SELECT $1::int + ${i} AS answer` }, [1]);
          assert.equal(rows[0].answer, 1 + i);
        }
        assert.equal(await preparedCount(client), 200);
      });
    });

    it('reports a bad statement as an error and carries on', async () => {
      await withClient(async (client) => {
        await assert.rejects(client.query({ text: 'SELECT $1::int FROM no_such_table' }, [1]), /no_such_table/);
        assert.equal((await client.query<{ ok: string }>({ text: 'SELECT $1::text AS ok' }, ['yes'])).rows[0].ok, 'yes');
      });
    });
  });
