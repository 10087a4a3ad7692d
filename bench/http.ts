/**
 * `npm run bench:http [-- --seconds 10 --connections 50]`
 *
 * Starts a real Bridgework server with the example workspace, on PGlite (a
 * fresh folder) or on PostgreSQL when DATABASE_URL is set (a fresh database on
 * that server), then prints:
 *   - requests/second and p50/p99 latency for the people list and a profile page
 *     (autocannon, signed in, N connections, after 3 s of warm-up), and the
 *     server's CPU time per request;
 *   - the server's resident memory just after the load and once idle (a minute later);
 *   - how long a restart on the existing data takes until /health answers.
 * BENCH_NODE_ARGS passes flags to the server's node (e.g. "--cpu-prof" to profile it).
 */
import { recordFigures } from './figures.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/core/paths.ts';
import { prepareExampleServer } from './example-server.ts';

const root = projectRoot;
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, port: { type: 'string', default: '3917' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const adminEmail = 'bench@example.org';
const adminPassword = 'benchmark password 1';

const prepared = await prepareExampleServer({ port, admin: { email: adminEmail, password: adminPassword } });
const { env, databaseUrl } = prepared;

async function startServer(): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/server.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('The server exited during start-up');
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, readyMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function signIn(): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ _csrf: token, email: adminEmail, password: adminPassword }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('bw_session='));
  if (!session) throw new Error(`Sign-in failed: ${response.status}`);
  return session.split(';')[0];
}

/** CPU time (user + system) the server has used so far, with its workers under WEB_CONCURRENCY, in milliseconds. */
function cpuMs(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      // fields[1] is the parent's pid; 11 and 12 are user and system time in clock ticks of 10 ms.
      if (Number(entry) === pid || Number(fields[1]) === pid) total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

async function load(title: string, url: string, cookie: string, serverPid: number) {
  // A few seconds first, unmeasured, so the figures are of a warmed-up server (JIT, caches, prepared statements).
  await autocannon({ url, connections, duration: 3, headers: { cookie } });
  const cpuBefore = cpuMs(serverPid);
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  const cpuPerRequest = (cpuMs(serverPid) - cpuBefore) / Math.max(1, result['2xx'] + result.non2xx);
  const ok = result['2xx'];
  const at = `${title}, ${connections} connections`;
  recordFigures(`http (${databaseUrl ? 'PostgreSQL' : 'PGlite'})`, [
    { figure: `${at}: requests per second`, value: result.requests.average, unit: 'req/s', ...(connections >= 50 ? { atLeast: 400 } : {}) },
    { figure: `${at}: p99`, value: result.latency.p99, unit: 'ms', ...(connections <= 8 ? { atMost: 50 } : {}) },
    { figure: `${at}: server CPU per request`, value: cpuPerRequest, unit: 'ms', ...(databaseUrl ? { atMost: 1.5 } : {}) },
    { figure: `${at}: errors and failed answers`, value: result.errors + result.non2xx, unit: '', atMost: 0 },
  ]);
  console.log(
    `${title.padEnd(14)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   server CPU ${cpuPerRequest.toFixed(1)} ms/request   (${ok} ok, ${result.non2xx} not ok, ${result.errors} errors)`,
  );
}

let server = await startServer();
try {
  const cookie = await signIn();
  const home = await fetch(`${base}/w/early-years-evidence-partnership/people?q=Adeyemi`, { headers: { cookie } });
  const profilePath = /href="(\/w\/early-years-evidence-partnership\/people\/[0-9a-f-]{36})"/.exec(await home.text())![1];
  const workers = databaseUrl && Number(process.env.WEB_CONCURRENCY ?? 1) > 1 ? `, ${process.env.WEB_CONCURRENCY} workers` : '';
  console.log(
    `Bridgework HTTP benchmark on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}${workers}: ${connections} connections, ${seconds} s each, Node ${process.version}`,
  );
  await load('people list', `${base}/w/early-years-evidence-partnership/people`, cookie, server.child.pid!);
  await load('profile page', `${base}${profilePath}`, cookie, server.child.pid!);
  // The server collects its garbage once it has had no request for 10 s (core/http/idle-memory.ts).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  console.log(`after the load ${rssMb(server.child.pid!).toFixed(0)} MB RSS (3 s later)`);
  await new Promise((resolve) => setTimeout(resolve, 57_000));
  const idleMb = rssMb(server.child.pid!);
  console.log(`idle memory    ${idleMb.toFixed(0)} MB RSS (a minute after the load)`);
  await stop(server.child);
  server = await startServer();
  console.log(`restart        ready in ${(server.readyMs / 1000).toFixed(2)} s on the existing data`);
  recordFigures(`http (${databaseUrl ? 'PostgreSQL' : 'PGlite'})`, [
    { figure: 'server memory once idle', value: idleMb, unit: 'MB' },
    { figure: 'restart until ready', value: server.readyMs / 1000, unit: 's' },
  ]);
  console.log(`fresh idle     ${rssMb(server.child.pid!).toFixed(0)} MB RSS just after restart`);
} finally {
  await stop(server.child);
  await prepared.cleanUp();
}
