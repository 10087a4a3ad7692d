import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Mailer } from '../../src/core/mailer.ts';
import { createTestDatabase, type Backend, type TestDatabase } from './database.ts';
import { instrument } from './recorder.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  db: TestDatabase['db'];
  config: Config;
  close(): Promise<void>;
}

/** The real application on a database of its own, with settings suited to tests. */
export async function buildTestApp(
  backend: Backend,
  options: { env?: Record<string, string>; mailer?: Mailer; database?: TestDatabase } = {},
): Promise<TestApp> {
  const config = loadConfig({
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://bridgework.test',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Tests send jobs; the few that need them worked start the workers themselves.
    JOB_WORKERS: 'false',
    ...options.env,
  });
  const database = options.database ?? (await createTestDatabase(backend));
  const app = await buildApp({ config, database, mailer: options.mailer, logger: process.env.TEST_LOG ? { level: 'error' } : false, instrument });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
