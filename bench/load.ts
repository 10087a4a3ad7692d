/**
 * `npm run bench:load [-- --seconds 60 --connections 100 --kills 3]`
 *
 * A real Bridgework server with the example workspace, on PGlite (a fresh
 * folder) or on PostgreSQL when DATABASE_URL is set (a fresh database there):
 *   1. load: N connections for S seconds, signed in, a mix of pages read
 *      (people list, a profile, the evidence library; four in five requests)
 *      and forms written (a new topic each), printing throughput, p50/p99
 *      latency, errors and timeouts, and where the time went (server CPU per
 *      request);
 *   2. kills: the same load, the server killed with SIGKILL part-way, then
 *      started again on the same data, K times; every write the server
 *      acknowledged (a redirect after the form) must be there afterwards, and
 *      the data must open cleanly each time.
 * Targets (issue 16): no errors or timeouts under load; no acknowledged write lost.
 */
import { recordFigures } from './figures.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase } from '../src/core/db/client.ts';
import { workspaces } from '../src/core/db/tables.ts';
import { projectRoot } from '../src/core/paths.ts';
import { topics } from '../src/features/topics/tables.ts';
import { prepareExampleServer } from './example-server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
    kills: { type: 'string', default: '3' },
    port: { type: 'string', default: '3918' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const kills = Number(values.kills);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const workspace = '/w/early-years-evidence-partnership';
const admin = { email: 'load@example.org', password: 'load benchmark password' };
/** A request with no answer in this long counts as a timeout. */
const TIMEOUT_MS = 10_000;

const prepared = await prepareExampleServer({ port, admin, logLevel: 'error' });
const { env, databaseUrl, dataDir } = prepared;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/server.mjs'], { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited during start-up (code ${child.exitCode}): the data did not reopen`);
    if (Date.now() > deadline) throw new Error('The server did not answer within a minute of starting');
    try {
      if ((await fetch(`${base}/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

/** CPU time the server has used so far, in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A signed-in session and a form token for it, as a browser holds them. */
async function session(): Promise<{ cookie: string; token: string; profile: string }> {
  const page = await fetch(`${base}/sign-in`);
  const jar = new Map(page.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const cookieOf = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf() },
    body: new URLSearchParams({ _csrf: token, ...admin }),
  });
  for (const c of signedIn.headers.getSetCookie()) jar.set(...(c.split(';')[0].split('=') as [string, string]));
  // Signing in renews the form secret: take the token from a page seen after it.
  const topicsPage = await fetch(`${base}${workspace}/topics`, { headers: { cookie: cookieOf() } });
  for (const c of topicsPage.headers.getSetCookie()) jar.set(...(c.split(';')[0].split('=') as [string, string]));
  const formToken = /name="_csrf" value="([^"]+)"/.exec(await topicsPage.text())![1];
  const people = await (await fetch(`${base}${workspace}/people?q=Adeyemi`, { headers: { cookie: cookieOf() } })).text();
  const profile = /href="(\/w\/[^"]+\/people\/[0-9a-f-]{36})"/.exec(people)![1];
  return { cookie: cookieOf(), token: formToken, profile };
}

interface Run {
  latencies: number[];
  /** The same by kind of request, to show where the time goes. */
  byKind: Map<string, number[]>;
  errors: number;
  timeouts: number;
  notOk: number;
  /** Topic names whose form the server answered with its redirect: acknowledged writes. */
  acknowledged: string[];
}

/** N workers, each sending one request after another until `until`: four reads to one write. */
async function drive(who: { cookie: string; token: string; profile: string }, until: number, label: string): Promise<Run> {
  const run: Run = { latencies: [], byKind: new Map(), errors: 0, timeouts: 0, notOk: 0, acknowledged: [] };
  const reads = [`${workspace}/people`, who.profile, `${workspace}/evidence`, `${workspace}/people?q=health`];
  const kinds = ['people list', 'profile', 'evidence library', 'people search'];
  let sequence = 0;
  const worker = async (id: number) => {
    while (Date.now() < until) {
      const n = sequence++;
      const write = n % 5 === 4;
      const name = `${label} topic ${id}-${n}`;
      const started = performance.now();
      try {
        const response = write
          ? await fetch(`${base}${workspace}/topics`, {
              method: 'POST',
              redirect: 'manual',
              headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
              body: new URLSearchParams({ _csrf: who.token, name, description: '' }),
              signal: AbortSignal.timeout(TIMEOUT_MS),
            })
          : await fetch(`${base}${reads[n % reads.length]}`, { headers: { cookie: who.cookie }, signal: AbortSignal.timeout(TIMEOUT_MS) });
        await response.arrayBuffer();
        const took = performance.now() - started;
        run.latencies.push(took);
        const kind = write ? 'topic form' : kinds[n % reads.length];
        run.byKind.set(kind, [...(run.byKind.get(kind) ?? []), took]);
        if (write && response.status === 302) run.acknowledged.push(name);
        else if (response.status !== 200) run.notOk++;
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') run.timeouts++;
        else run.errors++;
        // A refused connection (the server was killed) is not worth retrying at full speed.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, id) => worker(id)));
  return run;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Which of the named topics are in the database, read directly once the server has stopped. */
async function present(names: string[]): Promise<Set<string>> {
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    const [ws] = await database.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.slug, workspace.split('/')[2]));
    const found = new Set<string>();
    for (let i = 0; i < names.length; i += 500) {
      const batch = await database.db
        .select({ name: topics.name })
        .from(topics)
        .where(and(eq(topics.workspaceId, ws.id), inArray(topics.name, names.slice(i, i + 500))));
      for (const row of batch) found.add(row.name);
    }
    return found;
  } finally {
    await database.close();
  }
}

const engine = prepared.engine;
console.log(`Bridgework load benchmark on ${engine}: ${connections} connections, ${seconds} s, one write in five; Node ${process.version}`);
let server = await startServer();
const summary: string[] = [];
try {
  const who = await session();
  const cpuBefore = cpuMs(server.pid!);
  const started = performance.now();
  const run = await drive(who, Date.now() + seconds * 1000, 'Load');
  const elapsed = (performance.now() - started) / 1000;
  const requests = run.latencies.length;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const cpuPerRequest = (cpuMs(server.pid!) - cpuBefore) / Math.max(1, requests);
  console.log(
    `load           ${(requests / elapsed).toFixed(0)} req/s   p50 ${percentile(sorted, 50).toFixed(0)} ms   p99 ${percentile(sorted, 99).toFixed(0)} ms   ` +
      `server CPU ${cpuPerRequest.toFixed(1)} ms/request   ${run.acknowledged.length} writes acknowledged   ${run.errors} errors   ${run.timeouts} timeouts   ${run.notOk} not 200`,
  );
  for (const [kind, times] of [...run.byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const ordered = [...times].sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(17)} ${String(times.length).padStart(6)} requests   p50 ${percentile(ordered, 50).toFixed(0)} ms   p99 ${percentile(ordered, 99).toFixed(0)} ms`,
    );
  }
  summary.push(`errors and timeouts under load: ${run.errors + run.timeouts} (target 0)`);
  recordFigures(`load and kill (${engine})`, [
    { figure: `${connections} connections: requests per second`, value: requests / elapsed, unit: 'req/s' },
    { figure: `${connections} connections: p99`, value: percentile(sorted, 99), unit: 'ms' },
    { figure: 'errors and timeouts under load', value: run.errors + run.timeouts, unit: '', atMost: 0 },
  ]);

  // The kills: each time, acknowledged writes are noted, the server dies mid-load, and the data must open with every one.
  let acknowledged = run.acknowledged;
  for (let kill = 1; kill <= kills; kill++) {
    const killAfter = 3000 + Math.random() * 2000;
    const killer = setTimeout(() => server.kill('SIGKILL'), killAfter);
    const during = await drive(who, Date.now() + killAfter + 1500, `Kill ${kill}`);
    clearTimeout(killer);
    await stopped(server);
    acknowledged = [...acknowledged, ...during.acknowledged];
    // Starting again is the check that the data reopens: startServer throws if the server cannot.
    server = await startServer();
    server.kill('SIGTERM');
    await stopped(server);
    const found = await present(acknowledged);
    const missing = acknowledged.filter((name) => !found.has(name));
    console.log(
      `kill ${kill}         SIGKILL after ${(killAfter / 1000).toFixed(1)} s; ${during.acknowledged.length} writes acknowledged in that run; reopened cleanly; ` +
        `${found.size} of ${acknowledged.length} acknowledged writes present, ${missing.length} missing`,
    );
    if (missing.length) console.log(`               missing: ${missing.slice(0, 5).join(', ')}`);
    summary.push(`kill ${kill}: acknowledged writes lost ${missing.length} of ${acknowledged.length} (target 0)`);
    recordFigures(`load and kill (${engine})`, [
      { figure: `kill ${kill}: acknowledged writes lost (of ${acknowledged.length.toLocaleString('en-GB')})`, value: missing.length, unit: '', atMost: 0 },
    ]);
    server = await startServer();
  }
  console.log(summary.map((line) => `  ${line}`).join('\n'));
} finally {
  server.kill('SIGTERM');
  await stopped(server);
  await prepared.cleanUp();
}
