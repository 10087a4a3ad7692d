import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, refreshPlannerStatistics } from './core/db/client.ts';
import { purgeExpiredSessions } from './features/accounts/sessions.ts';
import { failInterruptedImports } from './features/evidence/import/run-import.ts';
import { collectGarbageWhenQuiet } from './core/http/idle-memory.ts';
import { runRoundAutomation } from './features/delivery/round-automation.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Open the database, build the app and listen; stop cleanly on a signal. */
async function serve(config: Config, migrate: boolean) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (migrate) await database.migrate();
  const app = await buildApp({ config, database });
  collectGarbageWhenQuiet(app);
  const settings = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  const purge = () =>
    Promise.all([purgeExpiredSessions(database.db, settings), failInterruptedImports(database.db)]).catch((error) =>
      app.log.warn({ err: error }, 'clean-up failed'),
    );
  void purge();
  // Rounds that open themselves and reminders that go out on their day (each programme chooses); every server process
  // may run this, as each e-mail is claimed in the database before it is sent.
  const automateRounds = () =>
    runRoundAutomation(database.db, { mailer: app.deps.mailer, publicUrl: config.publicUrl })
      .then((run) => {
        if (run.opened || run.reminded || run.chased) app.log.info(run, 'checkpoint rounds opened or reminded on schedule');
      })
      .catch((error) => app.log.warn({ err: error }, 'automatic checkpoint e-mails failed'));
  // PostgreSQL's autovacuum keeps the planner's statistics fresh; PGlite has none, so it gets an hourly ANALYZE.
  const maintain = () =>
    Promise.all([purge(), automateRounds(), database.kind === 'pglite' ? refreshPlannerStatistics(database.db) : undefined]).catch((error) =>
      app.log.warn({ err: error }, 'ANALYZE failed'),
    );
  setInterval(() => void maintain(), 3_600_000).unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  void automateRounds();
  if (cluster.isPrimary) {
    app.log.info(`Bridgework is ready at ${config.publicUrl} (database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  }
}

/**
 * Start Bridgework (after `npm run build`, which `npm start` runs). With
 * WEB_CONCURRENCY > 1 on PostgreSQL, the first process migrates, then starts
 * that many workers sharing the port.
 */
async function main() {
  const config = readConfig();
  const workers = config.databaseUrl ? config.webConcurrency : 1;
  if (config.webConcurrency > 1 && !config.databaseUrl) {
    console.warn('WEB_CONCURRENCY is ignored on PGlite: its database belongs to one process. Set DATABASE_URL to use several workers.');
  }
  if (workers <= 1) return serve(config, true);
  if (cluster.isPrimary) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl });
    await database.migrate();
    await database.close();
    for (let i = 0; i < workers; i++) cluster.fork();
    let stopping = false;
    cluster.on('exit', (worker, code) => {
      if (!stopping && code !== 0) {
        console.error(`Worker ${worker.process.pid} stopped (code ${code}); starting another`);
        cluster.fork();
      }
    });
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    console.log(`Bridgework is ready at ${config.publicUrl} (PostgreSQL, ${workers} workers)`);
    return;
  }
  return serve(config, false);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
