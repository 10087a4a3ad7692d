/**
 * `npm test`: build assets, type-check, lint, then run every test file with
 * node's test runner. Database tests run on PGlite, and on PostgreSQL as well
 * when TEST_DATABASE_URL (or DATABASE_URL) is set. Extra arguments filter files
 * by path, e.g. `npm test -- people`; `--fast` leaves out the browser journeys,
 * `--no-typecheck` and `--no-lint` the checks before the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAssets } from './build-assets.ts';
import { lint } from './lint.ts';
import { checkRecordings } from './check-recordings.ts';
import { projectRoot } from '../src/core/paths.ts';
import { openDatabase } from '../src/core/db/client.ts';
import { pgliteTemplatePath, postgresTestUrl } from '../test/support/database.ts';

const root = projectRoot;
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const skipTypecheck = process.argv.includes('--no-typecheck');
const skipLint = process.argv.includes('--no-lint');
const fast = process.argv.includes('--fast');

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Browser tests drive Debian's Chromium; install it on a fresh Debian machine, or say how. */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium for the browser tests (apt-get install chromium)…');
    execFileSync('/bin/sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null'], {
      stdio: 'inherit',
    });
    return;
  }
  console.error(`Chromium was not found at ${chromium}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

ensureChromium();
await buildAssets();
if (!skipTypecheck) {
  console.log('Type-checking…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
}
if (!skipLint && !lint()) process.exit(1);

// One migrated PGlite snapshot for the whole run: each test file starts from a copy in memory.
mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
const template = await openDatabase({ dataDir: 'memory://' });
await template.migrate();
const dump = await template.pglite!.dumpDataDir('gzip');
writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
await template.close();

const files = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .filter((file) => !fast || !file.includes(`${path.sep}browser${path.sep}`))
  .sort();
console.log(`Running ${files.length} test files on PGlite${postgresTestUrl() ? ' and PostgreSQL' : ''}${fast ? ', without the browser journeys' : ''}…`);
// A whole run records what the app did, for the checks below (a partial one would miss routes).
const wholeRun = filters.length === 0 && !fast;
const recordDir = path.join(root, '.test-tmp/record');
rmSync(recordDir, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 3}`, ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, APP_ENV: 'test', ...(wholeRun ? { RECORD_DIR: recordDir } : {}) } },
);
if (result.status !== 0 || !wholeRun) process.exit(result.status ?? 1);
process.exit(checkRecordings(recordDir) ? 0 : 1);
