import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { workspaces } from '../src/core/db/tables.ts';
import { people } from '../src/features/people/tables.ts';
import { memberships } from '../src/features/access/tables.ts';
import { exportWorkspace, importWorkspace, ImportError } from '../src/features/workspaces/transfer.ts';
import { createTestDatabase, postgresTestUrl } from './support/database.ts';
import mammoth from 'mammoth';
import { openDatabase } from '../src/core/db/client.ts';
import { checkpointReturns, checkpointRounds, returnTemplates } from '../src/features/delivery/tables.ts';
import { sitesOf } from '../src/features/delivery/sites/queries.ts';
import { emptyContent } from '../src/features/delivery/returns/return-form.ts';
import { returnWorkbook } from '../src/features/delivery/returns/excel.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('operator command line', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bw-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, seeds the example workspace, creates an admin and exports, on a PGlite folder', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const seeded = await cli(['seed-demo', '--email', 'ops@example.org', '--password', 'operator password 1'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /Loaded the example workspace at \/w\/early-years-evidence-partnership/);
    const admin = await cli(['create-admin', '--email', 'second@example.org', '--name', 'Sam Second', '--workspace', 'early-years-evidence-partnership'], {
      ...env,
      BRIDGEWORK_PASSWORD: 'another password 2',
    });
    assert.equal(admin.code, 0, admin.stderr);
    assert.match(admin.stdout, /second@example.org is now an administrator/);
    const passwords = await cli(['allow-passwords', '--workspace', 'early-years-evidence-partnership'], env);
    assert.equal(passwords.code, 0, passwords.stderr);
    assert.match(passwords.stdout, /Members of Early Years Evidence Partnership may sign in with a password again/);
    const out = path.join(dir, 'export.json');
    const exported = await cli(['export-workspace', '--workspace', 'early-years-evidence-partnership', '--out', out], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Exported Early Years Evidence Partnership/);

    // The evaluation, for checking the figures elsewhere.
    const csv = await cli(['export-responses', '--programme', 'mobilise-pilot'], env);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.match(lines[0], /^Wave,Survey,"Respondent/);
    assert.equal(lines.length, 1 + 15 + 15, 'a row per respondent and wave');
    const analysis = await cli(['analysis', '--programme', 'mobilise-pilot', '--json'], env);
    assert.equal(analysis.code, 0, analysis.stderr);
    const figures = JSON.parse(analysis.stdout) as { pairing: string; domains: Array<{ name: string; paired: { n: number; test: { pValue: number } } }> };
    assert.equal(figures.pairing, 'person');
    assert.equal(figures.domains[0].name, 'Knowledge and understanding');
    assert.equal(figures.domains[0].paired.n, 15);
    assert.ok(figures.domains[0].paired.test.pValue < 0.05);
    const report = path.join(dir, 'report.docx');
    const written = await cli(['report', '--programme', 'mobilise-pilot', '--out', report], env);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(readFileSync(report).subarray(0, 2).toString(), 'PK');
    const missing = await cli(['analysis', '--programme', 'no-such-programme', '--json'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /There is no programme “no-such-programme”. Programmes: .*mobilise-pilot/);

    // The delivery loop: a site's Excel return loaded from the command line, and a round's briefing.
    const briefing = path.join(dir, 'briefing.docx');
    const wrote = await cli(['briefing', '--programme', 'fostering-recruitment-support-hubs', '--round', '11', '--out', briefing], env);
    assert.equal(wrote.code, 0, wrote.stderr);
    assert.match(wrote.stdout, /Wrote the shared briefing for round 11/);
    assert.match((await mammoth.extractRawText({ buffer: readFileSync(briefing) })).value, /Top themes/);
    const noBriefing = await cli(['briefing', '--programme', 'fostering-recruitment-support-hubs', '--round', '3', '--out', briefing], env);
    assert.equal(noBriefing.code, 2);
    assert.match(noBriefing.stderr, /There is no briefing for round 3/);
    const database = await openDatabase({ dataDir: env.DATA_DIR });
    const [round] = await database.db.select().from(checkpointRounds).where(eq(checkpointRounds.number, 12));
    const done = new Set((await database.db.select().from(checkpointReturns).where(eq(checkpointReturns.roundId, round.id))).map((r) => r.siteId));
    const site = (await sitesOf(database.db, round.workspaceId, round.programmeId)).find((s) => !done.has(s.id))!;
    const [template] = await database.db.select().from(returnTemplates).where(eq(returnTemplates.id, round.templateId));
    const content = emptyContent(template.definition);
    for (const key of Object.keys(content.workstreams)) content.workstreams[key].rag = 'green';
    for (const key of Object.keys(content.indicators)) content.indicators[key] = 4;
    const file = path.join(dir, 'return.xlsx');
    writeFileSync(
      file,
      await returnWorkbook(
        template.definition,
        {
          programme: 'Hubs',
          site: site.name,
          siteId: site.id,
          round: { id: round.id, number: 12, title: round.title, dueOn: round.dueOn },
          template: { id: template.id, version: template.version },
        },
        content,
      ),
    );
    await database.close();
    const imported = await cli(['import-return', '--file', file], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, new RegExp(`Submitted ${site.name}’s return for round 12`));
    writeFileSync(path.join(dir, 'not-excel.xlsx'), 'site,enquiries\n');
    const refused = await cli(['import-return', '--file', path.join(dir, 'not-excel.xlsx')], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is not an Excel workbook/);
  });

  it('imports a reference file, or says what it would do with --dry-run, as JSON for checking imports in bulk', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const file = path.join(root, 'test/fixtures/citations/endnote.ris');
    const args = ['import-evidence', '--workspace', 'early-years-evidence-partnership', '--file', file, '--json'];
    const dry = await cli([...args, '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    const planned = JSON.parse(dry.stdout) as {
      format: string;
      records: number;
      new: number;
      duplicates: number;
      invalid: unknown[];
      items: Array<{ title: string; year: number; authors: string[]; doi: string; journal: string; abstract: boolean }>;
    };
    assert.deepEqual([planned.format, planned.records, planned.new, planned.duplicates, planned.invalid.length], ['ris', 102, 102, 0, 0]);
    assert.equal(planned.items.length, 102);
    assert.deepEqual(planned.items[0], {
      title: 'Formulation of Herbal Gel of Antirrhinum majus Extract and Evaluation of its Anti-Propionibacterium acne Effects',
      year: 2018,
      authors: ['Shahtalebi, M. A.', 'Asghari, G. R.', 'Rahmani, F.', 'Shafiee, F.', 'Jahanian-Najafabadi, A.'],
      doi: '10.4103/abr.abr_99_17',
      journal: 'Adv Biomed Res',
      abstract: true,
    });
    const done = await cli(args, env);
    assert.equal((JSON.parse(done.stdout) as typeof planned).new, 102, done.stderr);
    const again = JSON.parse((await cli([...args, '--dry-run'], env)).stdout) as typeof planned;
    assert.deepEqual([again.new, again.duplicates, again.items.length], [0, 102, 102], 'the second time, every record is a duplicate');
    const plain = await cli(['import-evidence', '--workspace', 'early-years-evidence-partnership', '--file', file, '--dry-run'], env);
    assert.match(plain.stdout, /102 records \(ris\): 0 new, 102 already in the library or repeated, 0 cannot be imported\nDry run: nothing was saved/);
    const notReferences = await cli(['import-evidence', '--workspace', 'early-years-evidence-partnership', '--file', path.join(root, 'README.md')], env);
    assert.equal(notReferences.code, 2);
    assert.match(notReferences.stderr, /does not look like a reference file/);
  });

  it('backs up the PGlite folder and restores it into another, refusing a folder another process holds', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const file = path.join(dir, 'backup.jsonl.gz');
    const made = await cli(['backup', '--out', file], env);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^Backed up \d+ tables \([\d,]+ rows\) to .*backup\.jsonl\.gz, [\d.]+ (KB|MB)/);
    const restoredEnv = { DATA_DIR: path.join(dir, 'restored') };
    const restored = await cli(['restore', '--file', file], restoredEnv);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored [\d,]+ rows in \d+ tables from the backup of \d+ \w+ \d{4}, \d\d:\d\d/);
    const again = await cli(['restore', '--file', file], restoredEnv);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds 1 workspace and \d+ accounts.*--replace/);
    const exported = await cli(['export-workspace', '--workspace', 'early-years-evidence-partnership', '--out', path.join(dir, 'restored.json')], restoredEnv);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Exported Early Years Evidence Partnership/);

    // The folder open here (as the server would hold it): the command line refuses rather than open it twice.
    const held = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      const refused = await cli(['backup', '--out', path.join(dir, 'second.jsonl.gz')], env);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, new RegExp(`is open in another Bridgework process \\(${process.pid}\\).*stop that one first`));
    } finally {
      await held.close();
    }
    const noOut = await cli(['backup'], env);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out is required/);
  });

  it('explains bad usage with exit code 2 and changes nothing', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    const weak = await cli(['create-admin', '--email', 'weak@example.org', '--name', 'W', '--new-workspace', 'Weak', '--password', 'short'], env);
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /Password must be 10 characters or more/);
    const unknown = await cli(['export-workspace', '--workspace', 'no-such-place'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /There is no workspace/);
    const notJson = path.join(dir, 'bad.json');
    writeFileSync(notJson, '{ not json');
    const bad = await cli(['import-workspace', '--file', notJson], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Could not read .* as JSON/);
    const noWorkspace = await cli(['allow-passwords', '--workspace', 'no-such-place'], env);
    assert.equal(noWorkspace.code, 2);
    assert.match(noWorkspace.stderr, /There is no workspace “no-such-place”/);
    const nothing = await cli(['frobnicate'], env);
    assert.equal(nothing.code, 2);
  });
});

describe('workspace export and import', () => {
  it('moves a whole workspace from PGlite to another database intact, all or nothing', async () => {
    const source = await createTestDatabase('pglite');
    const target = await createTestDatabase(postgresTestUrl() ? 'postgres' : 'pglite');
    try {
      const { createWorkspace } = await import('../src/features/workspaces/create-workspace.ts');
      const { seedExampleWorkspace } = await import('../src/features/demo/seed.ts');
      const created = await source.db.transaction(async (tx) => {
        const result = await createWorkspace(tx, {
          name: 'Early Years Evidence Partnership',
          admin: { name: 'Ada', email: 'ada@example.org', passwordHash: 'x' },
        });
        await seedExampleWorkspace(tx, { workspaceId: result.workspace.id, adminPersonId: result.personId, adminAccountId: result.accountId });
        return result;
      });
      // An attached file travels byte for byte.
      const { evidenceAttachments, evidenceAttachmentFiles, evidenceItems } = await import('../src/features/evidence/tables.ts');
      const [item] = await source.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, created.workspace.id)).limit(1);
      const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80]);
      const [attachment] = await source.db
        .insert(evidenceAttachments)
        .values({
          workspaceId: created.workspace.id,
          evidenceId: item.id,
          kind: 'file',
          label: 'Report',
          filename: 'report.pdf',
          mimetype: 'application/pdf',
          sizeBytes: bytes.length,
        })
        .returning();
      await source.db.insert(evidenceAttachmentFiles).values({ attachmentId: attachment.id, workspaceId: created.workspace.id, data: bytes });
      const data = await exportWorkspace(source.db, created.workspace.slug);
      assert.ok(!JSON.stringify(data).includes('passwordHash'), 'no password hashes in an export');

      const result = await importWorkspace(target.db, data);
      assert.equal(result.slug, created.workspace.slug);
      const count1 = async (db: typeof source.db) => (await db.select({ n: count() }).from(people).where(eq(people.workspaceId, created.workspace.id)))[0].n;
      assert.equal(await count1(target.db), await count1(source.db));
      const [copied] = await target.db.select().from(evidenceAttachmentFiles).where(eq(evidenceAttachmentFiles.attachmentId, attachment.id));
      assert.deepEqual(Buffer.from(copied.data), bytes);
      const targetMembers = await target.db.select({ n: count() }).from(memberships);
      assert.equal(targetMembers[0].n, data.tables.memberships.length);

      await assert.rejects(
        importWorkspace(target.db, data),
        (error: unknown) => error instanceof ImportError && /already in this database/.test(error.message),
      );
      await assert.rejects(importWorkspace(target.db, { format: 'something else' }), ImportError);
      // A broken row late in the file leaves nothing behind.
      const broken = structuredClone(data);
      broken.workspace.id = '11111111-1111-4111-8111-111111111111';
      broken.tables.people.at(-1)!.fullName = null;
      await assert.rejects(importWorkspace(target.db, broken, { slug: 'broken-copy' }));
      assert.equal((await target.db.select().from(workspaces).where(eq(workspaces.slug, 'broken-copy'))).length, 0);
    } finally {
      await source.close();
      await target.close();
    }
  });
});
