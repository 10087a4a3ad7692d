import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/core/paths.ts';
import { createTestDatabase } from '../test/support/database.ts';

/**
 * What the server benchmarks share: a database of their own (a fresh one on
 * the PostgreSQL server in DATABASE_URL, else a fresh PGlite folder), the built
 * server, and the example workspace loaded into it with an administrator.
 * Returns the environment to start `dist/server.mjs` with, and the clean-up.
 */
export async function prepareExampleServer(options: { port: number; admin: { email: string; password: string }; logLevel?: string }) {
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const scratch = await createTestDatabase('postgres');
    databaseUrl = scratch.url;
    dropDatabase = () => scratch.close();
  } else dataDir = mkdtempSync(path.join(tmpdir(), 'bw-bench-'));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl ?? '',
    DATA_DIR: dataDir ?? '',
    PORT: String(options.port),
    LOG_LEVEL: options.logLevel ?? 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed-demo', '--email', options.admin.email, '--password', options.admin.password], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    env,
    databaseUrl,
    dataDir,
    engine: databaseUrl ? 'PostgreSQL' : 'PGlite',
    async cleanUp() {
      await dropDatabase();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
