/**
 * Operator commands: npm run cli -- <command> [options]
 *
 *   migrate                                     apply database migrations
 *   create-admin --email E --name N [--workspace SLUG | --new-workspace NAME]
 *                                               make someone an administrator (password from
 *                                               --password, BRIDGEWORK_PASSWORD or standard input)
 *   seed-demo --email E [--name N] [--workspace-name NAME]
 *                                               add the example workspace, administered by E
 *   export-workspace --workspace SLUG [--out FILE]
 *   import-workspace --file FILE [--slug SLUG]
 *   export-responses --programme SLUG [--workspace SLUG] [--format csv|xlsx] [--out FILE]
 *                                               survey responses, one row per respondent and wave
 *   analysis --programme SLUG [--workspace SLUG] --json
 *                                               every figure the analysis page shows
 *   report --programme SLUG [--workspace SLUG] --out FILE.docx
 *                                               the evaluation report as a Word document
 *   briefing --programme SLUG --round N [--workspace SLUG] --out FILE.docx
 *                                               a round's checkpoint briefing as a Word document
 *   import-return --file FILE.xlsx [--draft]    load a site's Excel checkpoint return, checked as
 *                                               the upload page checks it (submitted unless --draft)
 *   import-evidence --workspace SLUG --file F [--dry-run] [--json]
 *                                               import a reference file (RIS, BibTeX, PubMed, CSL-JSON
 *                                               or CSV) as the upload page reads it; --dry-run saves nothing
 *   backup --out FILE                           the whole database from one snapshot (docs/production.md)
 *   restore --file FILE [--replace]             a backup into an empty database, or one emptied by --replace
 *   allow-passwords --workspace SLUG            let a workspace's members sign in with passwords again
 *                                               (when its single sign-on provider is down or misconfigured)
 *
 * A programme's SLUG is its name in lower case with hyphens: "Mobilise pilot" is mobilise-pilot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { passwordHashFor, readInput, required, UsageError } from './cli-input.ts';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from './config.ts';
import { openDatabase, refreshPlannerStatistics, type Database } from './core/db/client.ts';
import { accounts } from './core/db/tables.ts';
import { recordAudit } from './core/audit.ts';
import { emailField } from './core/http/fields.ts';
import { memberships } from './features/access/tables.ts';
import { people } from './features/people/tables.ts';
import { seedExampleWorkspace } from './features/demo/seed.ts';
import { createWorkspace } from './features/workspaces/create-workspace.ts';
import { findWorkspaceBySlug } from './features/workspaces/queries.ts';
import { EXAMPLE_WORKSPACE_NAME } from './features/workspaces/schemas.ts';
import { exportWorkspace, importWorkspace, ImportError } from './features/workspaces/transfer.ts';
import { slugify } from './features/workspaces/slug.ts';
import { workspaces } from './core/db/tables.ts';
import { programmes } from './features/programmes/tables.ts';
import { analyseProgramme } from './features/evaluation/analysis.ts';
import { responseTable, responsesCsv, responsesXlsx } from './features/evaluation/exports.ts';
import { buildReport, describeChange } from './features/evaluation/report.ts';
import { openReturnWorkbook, WorkbookError } from './features/delivery/returns/excel.ts';
import { importReturnWorkbook } from './features/delivery/returns/import-return.ts';
import { operatorAccess } from './features/delivery/policy.ts';
import { operatorMember } from './core/operations.ts';
import { setSsoRequired } from './features/sso/set-sso-required.ts';
import { checkpointRounds } from './features/delivery/tables.ts';
import { briefingFacts } from './features/delivery/briefings/facts.ts';
import { findBriefing, recentResponses } from './features/delivery/briefings/queries.ts';
import { findRound } from './features/delivery/rounds/queries.ts';
import { FileProblem } from './features/evidence/citations/read-file.ts';
import { importReferenceFile } from './features/evidence/import/import-file.ts';
import { clearSignInFailures } from './features/accounts/sign-in.ts';
import { BackupProblem } from './features/backups/format.ts';
import { DataFolderInUse } from './core/db/errors.ts';
import { writeBackup } from './features/backups/write-backup.ts';
import { restoreBackup } from './features/backups/restore-backup.ts';
import { countOf, formatDateTime, formatFileSize } from './core/views/format.ts';

/** A programme by the slug of its name, in one workspace or (when unambiguous) any. */
async function findProgrammeBySlug(db: Database['db'], slug: string, workspaceSlug?: string) {
  const list = await db
    .select({ programme: programmes, workspace: workspaces })
    .from(programmes)
    .innerJoin(workspaces, eq(workspaces.id, programmes.workspaceId));
  const matches = list.filter((row) => slugify(row.programme.name) === slug && (!workspaceSlug || row.workspace.slug === workspaceSlug));
  if (matches.length === 0)
    throw new UsageError(
      `There is no programme “${slug}”${workspaceSlug ? ` in ${workspaceSlug}` : ''}. Programmes: ${list.map((row) => slugify(row.programme.name)).join(', ') || 'none'}`,
    );
  if (matches.length > 1)
    throw new UsageError(`“${slug}” is in several workspaces; choose one with --workspace (${matches.map((m) => m.workspace.slug).join(', ')})`);
  return matches[0];
}

function summariseAnalysis(analysis: Awaited<ReturnType<typeof analyseProgramme>>): string {
  const lines = analysis.waves.map((wave) => `${wave.wave}: ${wave.submitted} of ${wave.invited} answered`);
  for (const domain of analysis.domains) lines.push(`${domain.name}: ${describeChange(domain.paired)}`);
  return lines.join('\n');
}

const CLI_ACTOR = 'Command line';

async function run(command: string | undefined, args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      workspace: { type: 'string' },
      'new-workspace': { type: 'string' },
      'workspace-name': { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      slug: { type: 'string' },
      programme: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      draft: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      round: { type: 'string' },
      replace: { type: 'boolean' },
    },
    strict: true,
  });
  const commands = [
    'migrate',
    'create-admin',
    'seed-demo',
    'export-workspace',
    'import-workspace',
    'export-responses',
    'analysis',
    'report',
    'import-return',
    'import-evidence',
    'briefing',
    'backup',
    'restore',
    'allow-passwords',
  ];
  if (!command || !commands.includes(command)) throw new UsageError(`Commands: ${commands.join(', ')}`);
  if (command === 'export-responses' && values.format && !['csv', 'xlsx'].includes(values.format)) throw new UsageError('--format is csv or xlsx');
  if (command === 'report' && !values.out) throw new UsageError('--out is required: the file to write the Word report to');
  if (command === 'briefing' && !values.out) throw new UsageError('--out is required: the file to write the Word briefing to');
  if (command === 'backup' && !values.out) throw new UsageError('--out is required: the file to write the backup to');
  if (command === 'restore' && !values.file) throw new UsageError('--file is required: the backup to restore');
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    // A backup reads the database as the running server left it; a restore makes the schema the backup needs.
    if (command !== 'backup' && command !== 'restore') await database.migrate();
    const { db } = database;
    switch (command) {
      case 'backup': {
        const made = await writeBackup(database, values.out!);
        return `Backed up ${countOf(made.tables, 'table')} (${countOf(made.rows, 'row')}) to ${made.file}, ${formatFileSize(made.bytes)}`;
      }

      case 'restore': {
        const restored = await restoreBackup(database, values.file!, { replace: values.replace });
        const upgraded = restored.laterMigrations ? `, then applied ${countOf(restored.laterMigrations, 'later migration')}` : '';
        return `Restored ${countOf(restored.rows, 'row')} in ${countOf(restored.tables, 'table')} from the backup of ${formatDateTime(restored.createdAt)}${upgraded}`;
      }

      case 'allow-passwords': {
        const workspace = await findWorkspaceBySlug(db, required(values, 'workspace'));
        if (!workspace) throw new UsageError(`There is no workspace “${values.workspace}”`);
        await setSsoRequired(db, { workspace, member: operatorMember, actor: { accountId: null, name: CLI_ACTOR } }, false, false);
        return `Members of ${workspace.name} may sign in with a password again; single sign-on still works for those who use it`;
      }

      case 'migrate':
        return `Database is up to date (${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`;

      case 'create-admin': {
        const email = emailField.parse(required(values, 'email'));
        const name = required(values, 'name');
        const passwordHash = await passwordHashFor(db, email, values.password);
        if (values['new-workspace']) {
          const created = await db.transaction((tx) => createWorkspace(tx, { name: values['new-workspace']!, admin: { name, email, passwordHash } }));
          return `Created ${created.workspace.name} at /w/${created.workspace.slug} with ${email} as administrator`;
        }
        const workspace = await findWorkspaceBySlug(db, required(values, 'workspace'));
        if (!workspace) throw new UsageError(`There is no workspace “${values.workspace}”`);
        await db.transaction(async (tx) => {
          const [found] = await tx
            .select({ id: accounts.id })
            .from(accounts)
            .where(eq(sql`lower(${accounts.email})`, email));
          const accountId = found?.id ?? (await tx.insert(accounts).values({ email, name, passwordHash }).returning({ id: accounts.id }))[0].id;
          if (found && passwordHash) await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(accounts.id, accountId));
          if (found && passwordHash) await clearSignInFailures(tx, accountId);
          const [membership] = await tx
            .select()
            .from(memberships)
            .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.accountId, accountId)));
          if (membership) {
            await tx.update(memberships).set({ role: 'administrator', updatedAt: new Date() }).where(eq(memberships.id, membership.id));
          } else {
            const [person] = await tx.insert(people).values({ workspaceId: workspace.id, fullName: name, email }).returning({ id: people.id });
            await tx.insert(memberships).values({ workspaceId: workspace.id, accountId, personId: person.id, role: 'administrator' });
          }
          await recordAudit(
            tx,
            workspace.id,
            { accountId: null, name: CLI_ACTOR },
            {
              action: 'membership.role_changed',
              entityType: 'account',
              entityId: accountId,
              summary: `Made ${name} an administrator from the command line`,
            },
          );
        });
        return `${email} is now an administrator of ${workspace.name}`;
      }

      case 'seed-demo': {
        const email = emailField.parse(required(values, 'email'));
        const passwordHash = await passwordHashFor(db, email, values.password);
        const created = await db.transaction(async (tx) => {
          const result = await createWorkspace(tx, {
            name: values['workspace-name'] ?? EXAMPLE_WORKSPACE_NAME,
            isExample: true,
            admin: { name: values.name ?? 'Workspace Administrator', email, passwordHash },
          });
          await seedExampleWorkspace(tx, { workspaceId: result.workspace.id, adminPersonId: result.personId, adminAccountId: result.accountId });
          return result;
        });
        await refreshPlannerStatistics(db);
        return `Loaded the example workspace at /w/${created.workspace.slug}; ${email} is its administrator`;
      }

      case 'export-workspace': {
        const data = await exportWorkspace(db, required(values, 'workspace'));
        const json = JSON.stringify(data, null, 2);
        if (!values.out) {
          process.stdout.write(json + '\n');
          return '';
        }
        writeFileSync(values.out, json);
        const rows = Object.values(data.tables).reduce((sum, list) => sum + list.length, 0);
        return `Exported ${data.workspace.name as string} (${rows} rows) to ${values.out}`;
      }

      case 'import-workspace': {
        const file = required(values, 'file');
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new ImportError(`Could not read ${file} as JSON: ${(error as Error).message}`);
        }
        const result = await importWorkspace(db, data, { slug: values.slug });
        await refreshPlannerStatistics(db);
        return `Imported ${result.rows} rows into /w/${result.slug}`;
      }

      case 'export-responses': {
        const { programme, workspace } = await findProgrammeBySlug(db, required(values, 'programme'), values.workspace);
        const table = await responseTable(db, workspace.id, programme.id);
        const format = values.format ?? 'csv';
        if (format === 'xlsx') {
          if (!values.out) throw new UsageError('--out is required for an Excel file');
          writeFileSync(values.out, await responsesXlsx(table, programme.name));
        } else if (values.out) writeFileSync(values.out, responsesCsv(table));
        else {
          process.stdout.write(responsesCsv(table).replace(/^\uFEFF/, ''));
          return '';
        }
        return `Wrote ${table.rows.length} responses from ${programme.name} to ${values.out}`;
      }

      case 'analysis': {
        const { programme, workspace } = await findProgrammeBySlug(db, required(values, 'programme'), values.workspace);
        const analysis = await analyseProgramme(db, workspace.id, programme.id);
        const text = values.json
          ? JSON.stringify({ programme: { name: programme.name, startsOn: programme.startsOn, endsOn: programme.endsOn }, ...analysis }, null, 2)
          : summariseAnalysis(analysis);
        if (values.out) {
          writeFileSync(values.out, text);
          return `Wrote the analysis of ${programme.name} to ${values.out}`;
        }
        process.stdout.write(text + '\n');
        return '';
      }

      case 'briefing': {
        const { programme, workspace } = await findProgrammeBySlug(db, required(values, 'programme'), values.workspace);
        const number = Number(required(values, 'round'));
        const round = await findRound(db, workspace.id, programme.id, number);
        if (!round) throw new UsageError(`${programme.name} has no round ${values.round}`);
        const briefing = await findBriefing(db, workspace.id, round.id);
        if (!briefing)
          throw new UsageError(`There is no briefing for round ${round.number} (${round.title}) yet: draft it on the programme’s Briefings page first`);
        const facts = await briefingFacts(db, workspace.id, programme, round);
        writeFileSync(
          values.out!,
          await (
            await import('./features/delivery/briefings/briefing-docx.ts')
          ).briefingDocx(programme, round, briefing, facts, await recentResponses(db, workspace.id, programme.id), workspace.name),
        );
        return `Wrote the ${briefing.status === 'shared' ? 'shared' : 'draft'} briefing for round ${round.number} (${round.title}) of ${programme.name} to ${values.out}`;
      }

      case 'import-return': {
        const file = required(values, 'file');
        const data = readInput(file);
        // The file names its own round and site; the operator may load a return for any site.
        const { reference } = await openReturnWorkbook(data, file);
        const [round] = await db.select({ workspaceId: checkpointRounds.workspaceId }).from(checkpointRounds).where(eq(checkpointRounds.id, reference.roundId));
        if (!round) throw new UsageError(`${file} is the return for a round that is not in this database`);
        const [workspace] = await db
          .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample })
          .from(workspaces)
          .where(eq(workspaces.id, round.workspaceId));
        const imported = await importReturnWorkbook(db, { workspace, member: operatorMember, actor: { accountId: null, name: CLI_ACTOR } }, operatorAccess, {
          data,
          filename: file,
          submit: !values.draft,
          source: 'command_line',
        });
        return `${values.draft ? 'Saved a draft of' : 'Submitted'} ${imported.site.name}’s return for round ${imported.round.number} (${imported.round.title}) of ${imported.programme.name}`;
      }

      case 'import-evidence': {
        const workspace = await findWorkspaceBySlug(db, required(values, 'workspace'));
        if (!workspace) throw new UsageError(`There is no workspace “${values.workspace}”`);
        const file = required(values, 'file');
        const data = readInput(file);
        const dryRun = Boolean(values['dry-run']);
        const summary = await importReferenceFile(db, { workspace, member: operatorMember, actor: { accountId: null, name: CLI_ACTOR } }, file, data, dryRun);
        if (values.json) return JSON.stringify({ ...summary, created: undefined, items: summary.items.map(({ duplicate: _, ...item }) => item) }, null, 2);
        const invalid = summary.invalid.map((problem) => `  record ${problem.record} (line ${problem.line}): ${problem.reason}`);
        return [
          `${summary.records} records (${summary.format}): ${summary.new} new, ${summary.duplicates} already in the library or repeated, ${summary.invalid.length} cannot be imported`,
          ...invalid,
          dryRun ? 'Dry run: nothing was saved.' : `Imported ${summary.created} into ${workspace.name}.`,
        ].join('\n');
      }

      case 'report': {
        const { programme, workspace } = await findProgrammeBySlug(db, required(values, 'programme'), values.workspace);
        const model = await buildReport(db, workspace.id, programme);
        if (!model.enoughRespondents) throw new UsageError(`The report needs at least 5 respondents to a survey; ${programme.name} has ${model.respondents}`);
        writeFileSync(values.out!, await (await import('./features/evaluation/report-docx.ts')).reportDocx(model, workspace.name));
        return `Wrote the evaluation report for ${programme.name} to ${values.out}`;
      }
    }
    return '';
  } finally {
    await database.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
run(command, rest)
  .then((message) => {
    if (message) console.log(message);
  })
  .catch((error) => {
    const known =
      error instanceof UsageError ||
      error instanceof ImportError ||
      error instanceof WorkbookError ||
      error instanceof FileProblem ||
      error instanceof BackupProblem ||
      error instanceof DataFolderInUse ||
      (error as { name?: string }).name === 'ZodError' ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const message =
      error instanceof Error && error.name === 'ZodError' ? (JSON.parse(error.message) as Array<{ message: string }>)[0].message : (error as Error).message;
    console.error(known ? `Error: ${message}` : error);
    process.exit(known ? 2 : 1);
  });
