import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, rows, type Database } from '../../core/db/client.ts';
import { appliedMigrations, applyMigrations, releaseMigrations } from '../../core/db/migrations.ts';
import { workspaces } from '../../core/db/tables.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { operatorMember } from '../../core/operations.ts';
import { fromRoot } from '../../core/paths.ts';
import { createTestDatabase, testBackends, type Backend } from '../../../test/support/database.ts';
import { seedExampleWorkspace } from '../demo/seed.ts';
import { attachFile } from '../evidence/attachments/attach-file.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';
import { BackupProblem } from './format.ts';
import { restoreBackup } from './restore-backup.ts';
import { runScheduledBackup } from './scheduled-backup.ts';
import { backedUpTables, writeBackup } from './write-backup.ts';

/** Each table's rows in a form both engines write alike: a count and a digest of the rows sorted. */
async function fingerprints(database: Database): Promise<Record<string, string>> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TIME ZONE 'UTC'`);
    const result: Record<string, string> = {};
    for (const table of await backedUpTables(tx)) {
      const [row] = await rows<{ n: number; digest: string | null }>(
        tx,
        sql`SELECT count(*)::int AS n, md5(string_agg(to_jsonb(t)::text, E'\n' ORDER BY to_jsonb(t)::text COLLATE "C")) AS digest
            FROM public.${sql.identifier(table)} t`,
      );
      result[table] = `${row.n}:${row.digest ?? ''}`;
    }
    return result;
  });
}

/** The example workspace, with a real Word file attached so files travel too. */
async function seededDatabase(backend: Backend) {
  const database = await createTestDatabase(backend);
  const created = await database.db.transaction(async (tx) => {
    const result = await createWorkspace(tx, {
      name: 'Backed-up Partnership',
      isExample: true,
      admin: { name: 'Operator', email: 'operator@example.org', passwordHash: 'not a real hash' },
    });
    await seedExampleWorkspace(tx, { workspaceId: result.workspace.id, adminPersonId: result.personId, adminAccountId: result.accountId });
    return result;
  });
  const [item] = await database.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, created.workspace.id)).limit(1);
  const member = { ...operatorMember, personId: created.personId };
  const ctx = { workspace: created.workspace, member, actor: { accountId: created.accountId, name: 'Operator' } } as unknown as WorkspaceContext;
  await attachFile(
    database.db,
    ctx,
    item.id,
    { filename: 'note.docx', data: readFileSync(fromRoot('test/fixtures/front-door-practice-note.docx')) },
    'Practice note',
  );
  return database;
}

/** Rewrite a backup's lines (uncompressed) and compress them again; `resign` writes a digest that matches, as a real writer would. */
function editBackup(from: string, to: string, edit: (lines: string[]) => string[], resign = false) {
  let lines = edit(gunzipSync(readFileSync(from)).toString('utf8').split('\n'));
  if (resign) {
    const body = lines.filter((line) => line && !line.startsWith('["complete"'));
    const digest = createHash('sha256')
      .update(body.map((line) => `${line}\n`).join(''))
      .digest('hex');
    lines = [...body, JSON.stringify(['complete', digest]), ''];
  }
  writeFileSync(to, gzipSync(Buffer.from(lines.join('\n'))));
}

describe('backup and restore', () => {
  let dir: string;
  const opened: Database[] = [];
  const open = async (backend: Backend, seeded = false) => {
    const database = seeded ? await seededDatabase(backend) : await createTestDatabase(backend);
    opened.push(database);
    return database;
  };
  /** The example workspace and its backup, made once per engine: seeding is most of this file's time. */
  const seeded = new Map<Backend, Promise<{ source: Database; file: string; made: Awaited<ReturnType<typeof writeBackup>> }>>();
  const backedUp = (backend: Backend) => {
    if (!seeded.has(backend))
      seeded.set(
        backend,
        (async () => {
          const source = await open(backend, true);
          const file = path.join(dir, `${backend}.jsonl.gz`);
          return { source, file, made: await writeBackup(source, file) };
        })(),
      );
    return seeded.get(backend)!;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bw-backup-'));
  });
  after(async () => {
    for (const database of opened) await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const from of testBackends())
    for (const to of testBackends())
      it(`round-trips the example workspace from ${from} to ${to}, every table alike`, async () => {
        const { source, file, made } = await backedUp(from);
        assert.ok(made.rows > 1000 && made.tables > 50, `${made.rows} rows in ${made.tables} tables`);
        const expected = await fingerprints(source);
        assert.notEqual(expected.evidence_attachment_files, '0:', 'a file is among what is backed up');

        const target = await open(to);
        const restored = await restoreBackup(target, file);
        assert.equal(restored.rows, made.rows);
        assert.equal(restored.laterMigrations, 0);
        assert.deepEqual(await fingerprints(target), expected);
        // Sequences carry on after the restored rows: a new search document takes the next order number.
        const [{ next }] = await rows<{ next: string }>(target.db, sql`SELECT nextval(pg_get_serial_sequence('public.search_documents', 'seq'))::text AS next`);
        const [{ highest }] = await rows<{ highest: string }>(target.db, sql`SELECT max(seq)::text AS highest FROM search_documents`);
        assert.ok(BigInt(next) > BigInt(highest));
        // The restored database is what the server expects: every migration recorded.
        assert.equal((await appliedMigrations(target.db)).length, releaseMigrations().length);
      });

  it('refuses a database that holds anything, unless told to replace it, and replaces it whole', async () => {
    const backend = testBackends().at(-1)!;
    const { source, file } = await backedUp(backend);
    const target = await open(backend);
    await target.db.transaction((tx) =>
      createWorkspace(tx, { name: 'Already Here', admin: { name: 'Someone', email: 'someone@example.org', passwordHash: 'x' } }),
    );
    await assert.rejects(restoreBackup(target, file), (error: Error) => {
      assert.ok(error instanceof BackupProblem);
      assert.match(error.message, /already holds 1 workspace and 1 account.*--replace/);
      return true;
    });
    assert.deepEqual(
      (await target.db.select({ name: workspaces.name }).from(workspaces)).map((w) => w.name),
      ['Already Here'],
    );
    await restoreBackup(target, file, { replace: true });
    assert.deepEqual(await fingerprints(target), await fingerprints(source));
  });

  it('refuses damaged, cut-short, foreign and newer files with a reason, leaving the database as it was', async () => {
    const backend = testBackends().at(-1)!;
    const { file: good } = await backedUp(backend);
    const target = await open(backend);
    const before = await fingerprints(target);
    const cases: Array<[string, (file: string) => void, RegExp]> = [
      ['cut short', (file) => writeFileSync(file, readFileSync(good).subarray(0, Math.floor(readFileSync(good).length / 2))), /ends too early/],
      ['missing its last line', (file) => editBackup(good, file, (lines) => lines.filter((line) => !line.startsWith('["complete"'))), /ends too early/],
      [
        'with a row changed',
        (file) => editBackup(good, file, (lines) => lines.map((line) => line.replace('"Backed-up Partnership"', '"Someone Else"'))),
        /changed or damaged/,
      ],
      [
        'with a row left out',
        (file) => editBackup(good, file, (lines) => lines.filter((line, index) => !(line.startsWith('{') && lines[index - 1] === '["table","people"]'))),
        /people should hold \d+ rows but holds/,
      ],
      ['not compressed', (file) => writeFileSync(file, gunzipSync(readFileSync(good))), /not a Bridgework backup/],
      ['another kind of file', (file) => writeFileSync(file, gzipSync(Buffer.from('id,name\n1,Someone\n'))), /not a Bridgework backup/],
      ['empty', (file) => writeFileSync(file, gzipSync(Buffer.alloc(0))), /empty/],
      [
        'from a newer release',
        (file) =>
          editBackup(
            good,
            file,
            ([header, ...rest]) => {
              const parsed = JSON.parse(header) as { migrations: unknown[]; release: string };
              parsed.migrations.push({ createdAt: Date.now(), hash: 'f'.repeat(64) });
              parsed.release = '9.0.0';
              return [JSON.stringify(parsed), ...rest];
            },
            true,
          ),
        /newer Bridgework \(9\.0\.0\)/,
      ],
    ];
    for (const [label, make, message] of cases) {
      const file = path.join(dir, `${label.replaceAll(' ', '-')}.jsonl.gz`);
      make(file);
      await assert.rejects(restoreBackup(target, file, { replace: true }), (error: Error) => {
        assert.ok(error instanceof BackupProblem, `${label}: ${error.stack}`);
        assert.match(error.message, message, label);
        return true;
      });
    }
    await assert.rejects(restoreBackup(target, path.join(dir, 'absent.jsonl.gz')), /There is no file/);
    assert.deepEqual(await fingerprints(target), before, 'nothing was changed by a refused backup');
  });

  it('brings a backup from an earlier release up to date, as an upgrade would', async () => {
    const release = releaseMigrations();
    // A database as the previous release left it, holding a workspace.
    const earlier = await openDatabase({ dataDir: 'memory://' });
    opened.push(earlier);
    await earlier.db.transaction((tx) => applyMigrations(tx, release.slice(0, -1)));
    // Written as that release could: today's code knows columns it had not got.
    await earlier.db.execute(sql`INSERT INTO workspaces (slug, name) VALUES ('earlier-partnership', 'Earlier Partnership')`);
    const file = path.join(dir, 'earlier.jsonl.gz');
    await writeBackup(earlier, file);
    const target = await open(testBackends().at(-1)!);
    const restored = await restoreBackup(target, file);
    assert.equal(restored.laterMigrations, 1);
    assert.deepEqual(
      (await target.db.select({ name: workspaces.name }).from(workspaces)).map((w) => w.name),
      ['Earlier Partnership'],
    );
    assert.equal((await appliedMigrations(target.db)).length, release.length);
  });

  it('writes backups on a schedule into a folder, keeping the newest it is told to', async () => {
    const database = await open('pglite');
    const folder = path.join(dir, 'scheduled');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'taken-by-hand.jsonl.gz'), 'kept');
    const days = ['2026-11-29T02:30:00Z', '2026-11-30T02:30:00Z', '2026-12-01T02:30:00Z'];
    const runs = [];
    for (const day of days) runs.push(await runScheduledBackup(database, { dir: folder, keep: 2, now: new Date(day) }));
    const last = runs[2];
    assert.deepEqual(last.removed, ['bridgework-backup-2026-11-29T02-30-00Z.jsonl.gz']);
    assert.deepEqual(readdirSync(folder).sort(), [
      'bridgework-backup-2026-11-30T02-30-00Z.jsonl.gz',
      'bridgework-backup-2026-12-01T02-30-00Z.jsonl.gz',
      'taken-by-hand.jsonl.gz',
    ]);
    const target = await open('pglite');
    await restoreBackup(target, last.made.file);
    assert.deepEqual(await fingerprints(target), await fingerprints(database));
  });

  it('writes nothing under the name asked for when the backup fails', async () => {
    const source = await createTestDatabase('pglite');
    await source.close();
    const file = path.join(dir, 'failed.jsonl.gz');
    await assert.rejects(writeBackup(source, file));
    assert.throws(() => readFileSync(file), /ENOENT/);
    assert.throws(() => readFileSync(`${file}.partial`), /ENOENT/);
  });
});
