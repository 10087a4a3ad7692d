/**
 * `npm run bench:dashboard [-- --runs 20]`
 *
 * Builds a delivery programme of 200 sites (10 hubs of 20 authorities) × 36
 * monthly rounds × 20 indicators, every return submitted with RAG, milestones
 * and narrative, on PostgreSQL when DATABASE_URL is set (a fresh database on
 * that server) or else on PGlite. Then prints the server time (the request
 * handled in-process, rendering included) for the dashboard, the dashboard
 * filtered to one hub, its Excel export, and a site's history page.
 * Target: under 300 ms on PostgreSQL.
 */
import { recordFigures } from './figures.ts';
import { timeRequests } from './requests.ts';
import { parseArgs } from 'node:util';
import { buildTestApp } from '../test/support/app.ts';
import { Agent } from '../test/support/agent.ts';
import { createTestWorkspace } from '../test/support/factories.ts';
import { organisations } from '../src/features/organisations/tables.ts';
import { programmes } from '../src/features/programmes/tables.ts';
import {
  checkpointReturns,
  checkpointRounds,
  deliverySites,
  returnTemplates,
  type ReturnContent,
  type TemplateDefinition,
} from '../src/features/delivery/tables.ts';
import { addItem, emptyDefinition } from '../src/features/delivery/template/definition.ts';
import { addMonths, periodTitle } from '../src/features/delivery/rounds/queries.ts';
import { addDays } from '../src/core/dates.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const SITES_PER_HUB = 20;
const HUBS = 10;
const ROUNDS = 36;
const INDICATORS = 20;

const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
if (backend === 'postgres' && !process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const t = await buildTestApp(backend);
const db = t.db;
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const started = performance.now();
const ws = await createTestWorkspace(db);
const [programme] = await db
  .insert(programmes)
  .values({
    workspaceId: ws.id,
    name: 'Bench hubs',
    kind: 'delivery_support',
    startsOn: '2024-01-01',
    endsOn: '2026-12-31',
    calendarToken: `bench-${Date.now()}`,
  })
  .returning();
const definition: TemplateDefinition = emptyDefinition();
for (let i = 0; i < 5; i++) addItem(definition, 'workstreams', { name: `Workstream ${i + 1}`, description: '' });
for (let i = 0; i < 5; i++) addItem(definition, 'milestones', { name: `Milestone ${i + 1}`, plannedOn: addMonths('2024-01-01', 3 + i * 4) });
for (let i = 0; i < INDICATORS; i++)
  addItem(definition, 'indicators', {
    name: `Indicator ${i + 1}`,
    definition: 'A count for the period.',
    unit: i === 19 ? 'days' : 'cases',
    target: 10,
    ...(i === 19 ? { aggregation: 'average' as const, better: 'lower' as const } : {}),
  });
for (let i = 0; i < 4; i++) addItem(definition, 'sections', { name: ['Challenges', 'Insights', 'Good practice', 'Support needed'][i], prompt: '' });
const [template] = await db.insert(returnTemplates).values({ workspaceId: ws.id, programmeId: programme.id, version: 1, definition }).returning();

const siteIds: string[] = [];
for (let h = 0; h < HUBS; h++) {
  const [hub] = await db
    .insert(organisations)
    .values({ workspaceId: ws.id, name: `Hub ${h + 1}`, kind: 'hub', region: `Region ${(h % 5) + 1}` })
    .returning();
  const authorities = await db
    .insert(organisations)
    .values(
      Array.from({ length: SITES_PER_HUB }, (_, i) => ({
        workspaceId: ws.id,
        name: `Authority ${h + 1}-${i + 1}`,
        kind: 'local_authority' as const,
        parentId: hub.id,
      })),
    )
    .returning();
  const sites = await db
    .insert(deliverySites)
    .values(authorities.map((a) => ({ workspaceId: ws.id, programmeId: programme.id, organisationId: a.id })))
    .returning();
  siteIds.push(...sites.map((s) => s.id));
}
const rounds = await db
  .insert(checkpointRounds)
  .values(
    Array.from({ length: ROUNDS }, (_, i) => {
      const periodStart = addMonths('2024-01-01', i);
      const periodEnd = addDays(addMonths('2024-01-01', i + 1), -1);
      return {
        workspaceId: ws.id,
        programmeId: programme.id,
        number: i + 1,
        title: periodTitle(periodStart, periodEnd),
        periodStart,
        periodEnd,
        dueOn: addDays(periodEnd, 10),
        templateId: template.id,
        status: 'closed' as const,
      };
    }),
  )
  .returning();
const rags = ['green', 'amber', 'red'] as const;
const sentence = 'We ran a joint information evening with the neighbouring authorities and enquiries rose; assessment capacity is still the main constraint.';
let batch: Array<typeof checkpointReturns.$inferInsert> = [];
const flush = async () => {
  if (batch.length) await db.insert(checkpointReturns).values(batch);
  batch = [];
};
for (const round of rounds) {
  for (const siteId of siteIds) {
    const content: ReturnContent = {
      workstreams: Object.fromEntries(
        definition.workstreams.map((w) => [w.key, { rag: rags[Math.floor(random() * 3)], commentary: random() < 0.5 ? '' : sentence }]),
      ),
      milestones: Object.fromEntries(
        definition.milestones.map((m) => [
          m.key,
          random() < 0.6
            ? { actualOn: addDays(m.plannedOn, Math.floor(random() * 60)), forecastOn: '', note: '' }
            : { actualOn: '', forecastOn: addDays(m.plannedOn, Math.floor(random() * 120)), note: 'Waiting for sign-off.' },
        ]),
      ),
      indicators: Object.fromEntries(definition.indicators.map((i) => [i.key, Math.floor(random() * 30)])),
      sections: Object.fromEntries(definition.sections.map((s) => [s.key, sentence])),
    };
    batch.push({
      workspaceId: ws.id,
      programmeId: programme.id,
      roundId: round.id,
      siteId,
      templateId: template.id,
      status: 'submitted',
      content,
      revision: 2,
      submittedAt: new Date(`${round.dueOn}T10:00:00Z`),
    });
    if (batch.length === 400) await flush();
  }
}
await flush();
const returnsCount = rounds.length * siteIds.length;
console.log(
  `${backend}: ${siteIds.length} sites × ${rounds.length} rounds × ${INDICATORS} indicators = ${returnsCount} returns (${returnsCount * INDICATORS} figures), built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const agent = new Agent(t.app);
await agent.signIn(ws.admin.email, ws.admin.password);
const base = `${ws.base}/programmes/${programme.id}/delivery`;
const hubId = (await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations)).find((o) => o.kind === 'hub')!.id;

async function measure(label: string, url: string) {
  const { p50, p95, bytes } = await timeRequests(agent, url, runs);
  recordFigures(`delivery dashboard (${backend}, 200 sites × 36 rounds)`, [
    { figure: `${label}: p95`, value: p95, unit: 'ms', ...(backend === 'postgres' ? { atMost: 300 } : {}) },
  ]);
  console.log(
    `${label.padEnd(34)} p50 ${String(p50).padStart(4)} ms   p95 ${String(p95).padStart(4)} ms   (${runs} requests, ${(bytes / 1024).toFixed(0)} KB)`,
  );
}

await measure('dashboard, all 200 sites', `${base}/dashboard?round=36`);
await measure('dashboard, one hub', `${base}/dashboard?round=36&hub=${hubId}`);
await measure('dashboard Excel export', `${base}/dashboard.xlsx?round=36`);
await measure('site page (36 rounds of history)', `${base}/sites/${siteIds[0]}`);
await measure('round tracker', `${base}/rounds/36`);
await t.close();
