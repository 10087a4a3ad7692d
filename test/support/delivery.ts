import { eq } from 'drizzle-orm';
import { organisations } from '../../src/features/organisations/tables.ts';
import { people } from '../../src/features/people/tables.ts';
import { deliverySites } from '../../src/features/delivery/tables.ts';
import { Agent } from './agent.ts';
import type { TestApp } from './app.ts';
import type { Backend } from './database.ts';
import { addMember, type TestUser, type TestWorkspace } from './factories.ts';
import { startWorkspaceTest } from './workspace-test.ts';

export interface DeliveryTest {
  t: TestApp;
  ws: TestWorkspace;
  admin: Agent;
  /** The programme's pages. */
  base: string;
  /** Site ids by the first word of the authority's name: Gateshead, Sunderland, Newcastle. */
  sites: Record<string, string>;
  leads: Record<string, { user: TestUser; agent: Agent }>;
  centre: { user: TestUser; agent: Agent };
}

/**
 * A delivery programme ready for returns: one hub of three authorities, a lead
 * for Gateshead and Sunderland, a department officer, the standard template,
 * three monthly rounds from January 2026 and round 1 open.
 */
export async function startDeliveryTest(backend: Backend): Promise<DeliveryTest> {
  const { t, ws, admin } = await startWorkspaceTest(backend);
  const [department] = await t.db.insert(organisations).values({ workspaceId: ws.id, name: 'Department for Education', kind: 'department' }).returning();
  const [hub] = await t.db
    .insert(organisations)
    .values({ workspaceId: ws.id, name: 'North East Fostering Hub', kind: 'hub', region: 'North East' })
    .returning();
  for (const name of ['Gateshead Council', 'Sunderland City Council', 'Newcastle City Council']) {
    await t.db.insert(organisations).values({ workspaceId: ws.id, name, kind: 'local_authority', parentId: hub.id });
  }
  await admin.get(`${ws.base}/programmes/new`);
  const created = await admin.post(`${ws.base}/programmes`, { name: 'Fostering Hubs', kind: 'delivery_support', startsOn: '2026-01-01', endsOn: '2027-12-31' });
  const base = String(created.headers.location).replace(/\/cohort$/, '');
  await admin.get(`${base}/delivery/sites`);
  await admin.post(`${base}/delivery/sites`, { organisationId: hub.id });
  const sites: Record<string, string> = {};
  for (const row of await t.db
    .select({ id: deliverySites.id, name: organisations.name })
    .from(deliverySites)
    .innerJoin(organisations, eq(organisations.id, deliverySites.organisationId))
    .where(eq(deliverySites.workspaceId, ws.id))) {
    sites[row.name.split(' ')[0]] = row.id;
  }
  const leads: DeliveryTest['leads'] = {};
  for (const site of ['Gateshead', 'Sunderland']) {
    const user = await addMember(t.db, ws.id, 'member', `${site} Lead`);
    await admin.post(`${base}/delivery/sites/${sites[site]}/contacts`, { personId: user.personId, role: 'lead' });
    const agent = new Agent(t.app);
    await agent.signIn(user.email, user.password);
    leads[site] = { user, agent };
  }
  const centreUser = await addMember(t.db, ws.id, 'member', 'Dee Department');
  await t.db.update(people).set({ organisationId: department.id }).where(eq(people.id, centreUser.personId));
  await admin.get(`${base}/cohort`);
  await admin.post(`${base}/cohort`, { personId: centreUser.personId, role: 'participant' });
  const centreAgent = new Agent(t.app);
  await centreAgent.signIn(centreUser.email, centreUser.password);
  await admin.post(`${base}/delivery/template/standard`);
  await admin.post(`${base}/delivery/rounds`, { frequency: 'monthly', firstPeriodStart: '2026-01-01', count: '3', dueDaysAfter: '10' });
  await admin.post(`${base}/delivery/rounds/1/open`);
  return { t, ws, admin, base, sites, leads, centre: { user: centreUser, agent: centreAgent } };
}
