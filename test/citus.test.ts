/**
 * Citus's rules for distributing tables by workspace_id (docs/production.md, "Towards Citus"),
 * checked twice: on the schema the code declares (the same check as `npm run check:citus`), and
 * on the databases the migrations build, so a hand-written migration cannot drift from it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../src/core/db/client.ts';
import { citusReport, distributedTableNames } from '../scripts/check-citus.ts';
import { createTestDatabase, testBackends, type TestDatabase } from './support/database.ts';

interface Key {
  name: string;
  table_name: string;
  target: string;
  columns: string[];
  target_columns: string[];
  on_delete: string;
  set_null_columns: string[] | null;
}

describe('the schema as Citus would distribute it', () => {
  it('has no table that would block distribution by workspace_id', () => {
    const report = citusReport();
    assert.deepEqual(
      report.map((entry) => `${entry.table} (${entry.kind}): ${entry.problems.join('; ')}`),
      [],
    );
  });
});

for (const backend of testBackends()) {
  describe(`the migrated database as Citus would distribute it (${backend})`, () => {
    let database: TestDatabase;
    /** Tables with a workspace_id that is never null: those Citus would distribute by it (mail, which may have none, stays on the coordinator). */
    let workspaceTables: Set<string>;
    before(async () => {
      database = await createTestDatabase(backend);
      const found = await rows<{ table_name: string }>(
        database.db,
        sql`SELECT c.relname AS table_name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'workspace_id' AND a.attnotnull AND NOT a.attisdropped`,
      );
      workspaceTables = new Set(found.map((row) => row.table_name));
    });
    after(() => database.close());

    it('includes workspace_id in the primary key and every unique index of a workspace-owned table', async () => {
      const lacking = await rows<{ table_name: string; index_name: string }>(
        database.db,
        sql`SELECT c.relname AS table_name, i.relname AS index_name
              FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
             WHERE c.relnamespace = 'public'::regnamespace AND x.indisunique
               AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND a.attnum = ANY (x.indkey::int2[]))`,
      );
      assert.deepEqual([...workspaceTables].sort(), distributedTableNames(), 'the database has the tables the schema declares');
      assert.deepEqual(
        lacking.filter((row) => workspaceTables.has(row.table_name)).map((row) => `${row.table_name}.${row.index_name}`),
        [],
      );
    });

    it('runs every foreign key between workspace-owned tables through workspace_id, and never sets workspace_id to null', async () => {
      const keys = await rows<Key>(
        database.db,
        sql`SELECT k.conname AS name, c.relname AS table_name, f.relname AS target, k.confdeltype AS on_delete,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) AS columns,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey)) AS target_columns,
                   CASE WHEN k.confdelsetcols IS NULL THEN NULL
                        ELSE ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.confdelsetcols)) END
                     AS set_null_columns
              FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
             WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
      );
      const between = keys.filter((key) => workspaceTables.has(key.target));
      assert.ok(between.length >= 170, `found ${between.length} keys between workspace-owned tables`);
      const problems = between.flatMap((key) => {
        const where = `${key.table_name}.${key.name}`;
        if (!workspaceTables.has(key.table_name)) return [`${where}: a table without workspace_id points at ${key.target}`];
        if (!key.columns.includes('workspace_id') || !key.target_columns.includes('workspace_id')) return [`${where}: not through workspace_id`];
        if (key.on_delete === 'n' && (!key.set_null_columns || key.set_null_columns.includes('workspace_id')))
          return [`${where}: ON DELETE SET NULL would null workspace_id; name the column`];
        return [];
      });
      assert.deepEqual(problems, []);
    });

    it('refuses a row that points at another workspace, and clears only the column when what it pointed at goes', async () => {
      const run = (text: string, values: unknown[] = []) => database.executeSql(text, values);
      const { rows: made } = await run(`INSERT INTO workspaces (slug, name) VALUES ('citus-one', 'One'), ('citus-two', 'Two') RETURNING id`);
      const [one, two] = made.map((row) => String(row.id));
      const { rows: parents } = await run(`INSERT INTO organisations (workspace_id, name, kind) VALUES ($1, 'Region', 'region') RETURNING id`, [one]);
      const parent = String(parents[0].id);

      await assert.rejects(
        run(`INSERT INTO organisations (workspace_id, name, kind, parent_id) VALUES ($1, 'Council', 'local_authority', $2)`, [two, parent]),
        (error: { code?: string }) => error.code === '23503',
      );
      const { rows: children } = await run(
        `INSERT INTO organisations (workspace_id, name, kind, parent_id) VALUES ($1, 'Council', 'local_authority', $2) RETURNING id`,
        [one, parent],
      );
      await run(`DELETE FROM organisations WHERE workspace_id = $1 AND id = $2`, [one, parent]);
      const { rows: after } = await run(`SELECT workspace_id, parent_id FROM organisations WHERE id = $1`, [children[0].id]);
      assert.deepEqual(after, [{ workspace_id: one, parent_id: null }]);
      const { rows: inTwo } = await run(`SELECT count(*)::int AS n FROM organisations WHERE workspace_id = $1`, [two]);
      assert.equal(inTwo[0].n, 0);
    });
  });
}
