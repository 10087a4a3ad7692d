/**
 * `npm run bench:reports [-- --runs 10]`
 *
 * The heavier pages and downloads of the example workspace, on PostgreSQL when
 * DATABASE_URL is set (a fresh database on that server) or else on PGlite: the
 * needs board of its cohort programme, the APA and Harvard reference lists of
 * the whole evidence library, and the evaluation report in Word. Prints the
 * server time of each (handled in-process, rendering included).
 * Target: under 300 ms each on PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { and, count, desc, eq } from 'drizzle-orm';
import { buildTestApp } from '../test/support/app.ts';
import { Agent } from '../test/support/agent.ts';
import { createTestWorkspace } from '../test/support/factories.ts';
import { seedExampleWorkspace } from '../src/features/demo/seed.ts';
import { evidenceItems } from '../src/features/evidence/tables.ts';
import { needs } from '../src/features/programmes/tables.ts';
import { surveyResponses, surveys } from '../src/features/evaluation/tables.ts';
import { refreshPlannerStatistics } from '../src/core/db/client.ts';
import { recordFigures } from './figures.ts';
import { timeRequests } from './requests.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
if (backend === 'postgres' && !process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const t = await buildTestApp(backend);
const db = t.db;
const ws = await createTestWorkspace(db, 'Bench reports');
await db.transaction((tx) => seedExampleWorkspace(tx, { workspaceId: ws.id, adminPersonId: ws.admin.personId, adminAccountId: ws.admin.accountId }));
await refreshPlannerStatistics(db);

const [board] = await db
  .select({ programmeId: needs.programmeId, n: count() })
  .from(needs)
  .where(eq(needs.workspaceId, ws.id))
  .groupBy(needs.programmeId)
  .orderBy(desc(count()))
  .limit(1);
const [evaluated] = await db
  .select({ programmeId: surveys.programmeId, n: count() })
  .from(surveyResponses)
  .innerJoin(surveys, and(eq(surveys.workspaceId, surveyResponses.workspaceId), eq(surveys.id, surveyResponses.surveyId)))
  .where(eq(surveyResponses.workspaceId, ws.id))
  .groupBy(surveys.programmeId)
  .orderBy(desc(count()))
  .limit(1);
const [library] = await db.select({ n: count() }).from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id));
console.log(
  `${backend}: the example workspace; needs board of ${board.n} needs, a library of ${library.n} items, an evaluation of ${evaluated.n} survey responses`,
);

const agent = new Agent(t.app);
await agent.signIn(ws.admin.email, ws.admin.password);
const pages: Array<[string, string]> = [
  ['needs board', `${ws.base}/programmes/${board.programmeId}/needs`],
  [`APA reference list (${library.n} items)`, `${ws.base}/evidence/export?format=apa`],
  [`Harvard reference list (${library.n} items)`, `${ws.base}/evidence/export?format=harvard`],
  ['evaluation report in Word', `${ws.base}/programmes/${evaluated.programmeId}/evaluation/report.docx`],
];
for (const [label, url] of pages) {
  const { p50, p95, bytes } = await timeRequests(agent, url, runs);
  recordFigures(`reports (${backend}, example workspace)`, [
    { figure: `${label}: p95`, value: p95, unit: 'ms', ...(backend === 'postgres' ? { atMost: 300 } : {}) },
  ]);
  console.log(
    `${label.padEnd(40)} p50 ${String(p50).padStart(5)} ms   p95 ${String(p95).padStart(5)} ms   (${runs} requests, ${(bytes / 1024).toFixed(0)} KB)`,
  );
}
await t.close();
