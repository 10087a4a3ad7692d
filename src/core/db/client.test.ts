import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresTestUrl } from '../../../test/support/database.ts';
import { StatementCachingClient } from './client.ts';

describe('statements prepared once per PostgreSQL connection', { skip: postgresTestUrl() ? false : 'needs TEST_DATABASE_URL' }, () => {
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
    Number((await client.query('SELECT count(*) AS n FROM pg_prepared_statements')).rows[0].n);

  it('prepares a query with parameters once and reuses it with other values', async () => {
    await withClient(async (client) => {
      for (const value of [1, 2, 3]) {
        const { rows } = await client.query({ text: 'SELECT $1::int + 1 AS answer' }, [value]);
        assert.equal(rows[0].answer, value + 1);
      }
      assert.equal(await preparedCount(client), 1);
    });
  });

  it('leaves texts without parameters alone, so several statements in one still run', async () => {
    await withClient(async (client) => {
      await client.query('CREATE TEMP TABLE t (n int); INSERT INTO t VALUES (1), (2)');
      assert.equal((await client.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 2);
      assert.equal(await preparedCount(client), 0);
    });
  });

  it('keeps at most 200 statements on a connection; later texts still run, unprepared', async () => {
    await withClient(async (client) => {
      for (let i = 0; i < 230; i++) {
        const { rows } = await client.query({ text: `SELECT $1::int + ${i} AS answer` }, [1]);
        assert.equal(rows[0].answer, 1 + i);
      }
      assert.equal(await preparedCount(client), 200);
    });
  });

  it('reports a bad statement as an error and carries on', async () => {
    await withClient(async (client) => {
      await assert.rejects(client.query({ text: 'SELECT $1::int FROM no_such_table' }, [1]), /no_such_table/);
      assert.equal((await client.query({ text: 'SELECT $1::text AS ok' }, ['yes'])).rows[0].ok, 'yes');
    });
  });
});
