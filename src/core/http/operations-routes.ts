import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { safeEqual } from '../auth/tokens.ts';
import type { Database } from '../db/client.ts';
import { releaseMigrations } from '../db/migrations.ts';
import type { JobQueue } from '../jobs.ts';

/** Addresses for load balancers, orchestrators and monitoring: no session, no database work beyond a probe. */
export const OPERATIONS_PATHS = new Set(['/health', '/ready', '/metrics']);

interface OperationsOptions {
  database: Database;
  jobs: JobQueue;
  /** When set, /metrics wants `Authorization: Bearer <token>`; otherwise keep /metrics behind the proxy. */
  metricsToken?: string;
}

async function readiness(database: Database, jobs: JobQueue) {
  const checks: Record<string, { ok: boolean; detail: string }> = {};
  try {
    await database.executeSql('select 1', []);
    checks.database = { ok: true, detail: database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL' };
  } catch (error) {
    checks.database = { ok: false, detail: (error as Error).message };
  }
  if (checks.database.ok) {
    const expected = releaseMigrations().length;
    try {
      const { rows } = await database.executeSql('select count(*)::int as applied from drizzle.__drizzle_migrations', []);
      const applied = Number(rows[0]?.applied ?? 0);
      checks.migrations = { ok: applied >= expected, detail: `${applied} of ${expected} applied` };
    } catch {
      checks.migrations = { ok: false, detail: `0 of ${expected} applied` };
    }
  } else checks.migrations = { ok: false, detail: 'database unreachable' };
  const queue = jobs.state();
  checks.queue = { ok: queue !== 'stopped', detail: queue };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  return safeEqual(header?.replace(/^Bearer\s+/i, '') ?? '', token);
}

/**
 * /health (the process is alive), /ready (it can serve: database reachable,
 * every migration of this release applied, job queue running) and /metrics
 * (Prometheus text: requests by route and status, latency histograms, errors,
 * job queue depth and failures, database connections, and Node's own figures).
 * Added to the root app (not registered as a plugin), so the request hook
 * counts every route. Metrics live in a registry of this app's own, so several apps in one
 * process (the tests) never mix their counts.
 */
/** Node's own figures (memory, event loop delay, garbage collection), collected once for the process. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function addOperationsRoutes(app: FastifyInstance, options: OperationsOptions) {
  const { database, jobs } = options;
  const registry = new Registry();
  const requests = new Counter({
    name: 'bridgework_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bridgework_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'bridgework_http_errors_total',
    help: 'HTTP requests that ended in a server error (status 500 or above), by route pattern.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'bridgework_jobs',
    help: 'Background jobs by queue and state (created, retry, active, failed ...).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await jobs.countsByState().catch(() => [])) this.set({ queue: row.name, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'bridgework_database_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting); absent on PGlite.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = database.poolStats?.();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the address itself: ids and tokens stay out of the labels and their number stays bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    if (OPERATIONS_PATHS.has(route)) return;
    const status = reply.statusCode;
    requests.inc({ method: request.method, route, status: String(status) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (status >= 500) errors.inc({ route });
  });

  app.get('/health', async () => ({ status: 'ok', database: database.kind }));
  app.get('/ready', async (_request, reply) => {
    const result = await readiness(database, jobs);
    return reply.code(result.ready ? 200 : 503).send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  });
  app.get('/metrics', async (request, reply) => {
    if (options.metricsToken && !bearerMatches(request.headers.authorization, options.metricsToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'This address needs the metrics token.' });
    }
    const all = Registry.merge([processMetrics(), registry]);
    return reply.type(all.contentType).send(await all.metrics());
  });
}
