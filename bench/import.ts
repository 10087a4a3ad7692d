/**
 * `npm run bench:import [-- --records 20000]`
 *
 * Writes a RIS file of that many records as a systematic review's search
 * export would be (five authors, a 1,000-character abstract, keywords, a DOI
 * and an address each), then uploads it through the import page, previews it,
 * confirms it and works the queued import, on PostgreSQL when DATABASE_URL is
 * set (a fresh database on that server) or else on PGlite. Prints the time of
 * each step and the process's peak memory. Targets: 20,000 records previewed
 * and imported in minutes, memory bounded (under 1.5 GB).
 */
import { recordFigures } from './figures.ts';
import { parseArgs } from 'node:util';
import { buildTestApp } from '../test/support/app.ts';
import { Agent } from '../test/support/agent.ts';
import { createTestWorkspace } from '../test/support/factories.ts';
import { EVIDENCE_IMPORT_JOB } from '../src/features/evidence/import/run-import.ts';
import { formatNumber } from '../src/core/views/format.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const records = Number(values.records);

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const words =
  'foster carers recruitment retention local authority support hub evaluation outcomes children families early language parenting programme trial cohort qualitative survey regional practice evidence policy workforce training'.split(
    ' ',
  );
const sentence = (length: number) => Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');

function risFile(count: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    lines.push('TY  - JOUR', `TI  - ${sentence(12)} ${i}`);
    for (let a = 0; a < 5; a++) lines.push(`AU  - Author${(i * 7 + a) % 5000}, ${String.fromCharCode(65 + a)}.`);
    lines.push(
      `PY  - ${1990 + (i % 35)}`,
      `T2  - Journal of ${sentence(2)}`,
      `VL  - ${i % 60}`,
      `IS  - ${i % 12}`,
      `SP  - ${i % 300}`,
      `EP  - ${(i % 300) + 12}`,
    );
    lines.push(`DO  - 10.5555/bench.${i}`, `AB  - ${sentence(140)}`);
    for (let k = 0; k < 6; k++) lines.push(`KW  - ${sentence(2)}`);
    lines.push(`UR  - https://example.org/articles/${i}`, 'ER  - ', '');
  }
  return lines.join('\r\n');
}

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const megabytes = (bytes: number) => `${formatNumber(Math.round(bytes / 1024 / 1024))} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
if (backend === 'postgres' && !process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const t = await buildTestApp(backend);
const ws = await createTestWorkspace(t.db);
const admin = new Agent(t.app);
await admin.signIn(ws.admin.email, ws.admin.password);

let mark = performance.now();
const file = risFile(records);
const written = performance.now() - mark;
console.log(`${formatNumber(records)} records, ${megabytes(Buffer.byteLength(file))} of RIS (written in ${seconds(written)}), on ${backend}`);
const startRss = process.memoryUsage().rss;

await admin.get(`${ws.base}/evidence/import`);
mark = performance.now();
const uploaded = await admin.upload(`${ws.base}/evidence/import`, { filename: 'search-export.ris', data: file });
if (uploaded.statusCode !== 302) throw new Error(`Upload refused (${uploaded.statusCode}): ${uploaded.body.slice(0, 500)}`);
const previewUrl = String(uploaded.headers.location);
console.log(`Upload, read and preview stored: ${seconds(performance.now() - mark)}`);

mark = performance.now();
const page = await admin.get(previewUrl);
const news = /(\d[\d,]*) new</.exec(page.body)?.[1];
console.log(`Preview page (first 100 records): ${seconds(performance.now() - mark)}; ${news} new`);

mark = performance.now();
const confirmed = await admin.post(`${previewUrl}/confirm`);
const progressUrl = /data-import-progress="([^"]+)"/.exec(confirmed.body)?.[1];
// Follow the progress address as the page's script does, every few seconds, while the job works.
const working = t.app.deps.jobs.workWaiting(EVIDENCE_IMPORT_JOB);
let finished = false;
void working.then(() => (finished = true));
while (!finished && progressUrl) {
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const progress = (await t.app.inject({ method: 'GET', url: progressUrl })).json<{ done: number; total: number }>();
  console.log(`  after ${seconds(performance.now() - mark)}: ${formatNumber(progress.done)} of ${formatNumber(progress.total)} written`);
}
await working;
const importMs = performance.now() - mark;
const done = await admin.get(previewUrl);
const added = /(\d[\d,]*) items? added/.exec(done.body)?.[1];
console.log(
  `Import (job: items, search index, audit in one transaction): ${seconds(importMs)}; ${added} added (${formatNumber(Math.round(records / (importMs / 1000)))} items/s)`,
);

mark = performance.now();
const search = await admin.get(`${ws.base}/evidence?q=foster+carers+recruitment`);
console.log(`A search of the library afterwards: ${seconds(performance.now() - mark)} (${search.statusCode})`);

clearInterval(sample);
console.log(`Memory: ${megabytes(startRss)} before the upload, peak ${megabytes(peak)}`);
recordFigures(`reference import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${formatNumber(records)} records)`, [
  { figure: 'imported through the import page', value: records / (importMs / 1000), unit: 'items/s' },
  { figure: 'peak memory of the process', value: peak / 2 ** 20, unit: 'MB', atMost: 1536 },
]);
await t.close();
