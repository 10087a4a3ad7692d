import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './core/db/client.ts';
import { DataFolderInUse } from './core/db/errors.ts';
import { collectGarbageWhenQuiet } from './core/http/idle-memory.ts';

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
  // Scheduled work runs hourly through the job queue (src/jobs.ts); once more at start, so nothing waits an hour.
  if (config.jobWorkers) {
    for (const job of ['maintenance.hourly', 'delivery.round-automation']) {
      await app.deps.jobs.send(job, {}).catch((error: unknown) => app.log.warn({ err: error }, `could not queue ${job}`));
    }
  }
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
  // A refusal with a reason for the operator is said plainly; anything else with its stack.
  console.error(error instanceof DataFolderInUse ? error.message : error);
  process.exit(1);
});
