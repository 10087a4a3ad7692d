import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { mailMessages, workspaceEvents } from '../../core/db/tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { checkpointReturns, deliverySites, returnTemplates, returnVersions } from './tables.ts';

for (const backend of testBackends()) {
  describe(`delivery loop: sites, template, rounds and returns (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let base: string;
    let hubId: string;
    let departmentId: string;
    const sites: Record<string, string> = {};
    let leadA: TestUser;
    let leadB: TestUser;
    let centre: TestUser;
    let agentA: Agent;
    let agentB: Agent;
    let centreAgent: Agent;

    const signedIn = async (user: TestUser) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return agent;
    };
    const returnPath = (round: number, site: string) => `${base}/delivery/rounds/${round}/sites/${sites[site]}`;
    /** Every answer filled in, as a lead would submit it. */
    async function fullForm(agent: Agent, round: number, site: string, overrides: Record<string, string> = {}) {
      const page = await agent.get(returnPath(round, site));
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      const fields: Record<string, string> = { revision: /name="revision" value="(\d+)"/.exec(page.body)![1] };
      for (const [, key] of page.body.matchAll(/name="(w\d+)-rag"/g)) fields[`${key}-rag`] = 'green';
      for (const [, key] of page.body.matchAll(/name="(i\d+)-value"/g)) fields[`${key}-value`] = '7';
      for (const [, key] of page.body.matchAll(/name="(s\d+)-text"/g))
        fields[`${key}-text`] = 'Shared brand launched with the other authorities; enquiries rose after the radio campaign.';
      return { ...fields, ...overrides };
    }

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      const [department] = await t.db.insert(organisations).values({ workspaceId: ws.id, name: 'Department for Education', kind: 'department' }).returning();
      const [hub] = await t.db
        .insert(organisations)
        .values({ workspaceId: ws.id, name: 'North East Fostering Hub', kind: 'hub', region: 'North East' })
        .returning();
      hubId = hub.id;
      departmentId = department.id;
      for (const name of ['Gateshead Council', 'Sunderland City Council', 'Newcastle City Council']) {
        await t.db.insert(organisations).values({ workspaceId: ws.id, name, kind: 'local_authority', parentId: hub.id });
      }
      leadA = await addMember(t.db, ws.id, 'member', 'Gill Gateshead');
      leadB = await addMember(t.db, ws.id, 'member', 'Sam Sunderland');
      centre = await addMember(t.db, ws.id, 'member', 'Dee Department');
      await t.db.update(people).set({ organisationId: department.id }).where(eq(people.id, centre.personId));
      await admin.get(`${ws.base}/programmes/new`);
      const created = await admin.post(`${ws.base}/programmes`, {
        name: 'Fostering Hubs',
        kind: 'delivery_support',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      });
      base = String(created.headers.location).replace(/\/cohort$/, '');
      await admin.get(`${base}/cohort`);
      await admin.post(`${base}/cohort`, { personId: centre.personId, role: 'participant' });
    });
    after(() => t.close());

    it('adds every authority in a hub as sites, with leads who join the cohort', async () => {
      const page = await admin.get(`${base}/delivery/sites`);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, /No sites yet/);
      const none = await admin.post(`${base}/delivery/sites`, {});
      assert.equal(none.statusCode, 400);
      assertPageHas(none.body, /Choose an authority, hub or region to add/);
      const centreAsSite = await admin.post(`${base}/delivery/sites`, { organisationId: departmentId });
      assert.equal(centreAsSite.statusCode, 400);
      assertPageHas(centreAsSite.body, /A department is the centre of the programme, not a delivery site/);
      assert.equal((await admin.post(`${base}/delivery/sites`, { organisationId: hubId })).statusCode, 302);
      const listed = await admin.get(`${base}/delivery/sites`);
      assertPageHas(listed.body, /3 sites in 1 hub/);
      for (const row of await t.db
        .select({ id: deliverySites.id, name: organisations.name })
        .from(deliverySites)
        .innerJoin(organisations, eq(organisations.id, deliverySites.organisationId))) {
        sites[row.name.split(' ')[0]] = row.id;
      }
      await admin.get(`${base}/delivery/sites/${sites.Gateshead}`);
      assert.equal((await admin.post(`${base}/delivery/sites/${sites.Gateshead}/contacts`, { personId: leadA.personId, role: 'lead' })).statusCode, 302);
      await admin.post(`${base}/delivery/sites/${sites.Sunderland}/contacts`, { personId: leadB.personId, role: 'lead' });
      const site = await admin.get(`${base}/delivery/sites/${sites.Gateshead}`);
      assertPageHas(site.body, /Gill Gateshead · Lead: submits returns/);
      const bad = await admin.post(`${base}/delivery/sites/${sites.Gateshead}/contacts`, { personId: 'not-a-person', role: 'lead' });
      assert.equal(bad.statusCode, 302);
      assertPageHas((await admin.get(`${base}/delivery/sites/${sites.Gateshead}`)).body, /Choose a person from the list/);
      agentA = await signedIn(leadA);
      agentB = await signedIn(leadB);
      centreAgent = await signedIn(centre);
      assert.equal((await agentA.get(`${base}/delivery/returns`)).statusCode, 200);
    });

    it('configures the return template and checks every item', async () => {
      const empty = await admin.get(`${base}/delivery/rounds`);
      assertPageHas(empty.body, /Set up the <a class="govuk-link" href="[^"]+">return template<\/a> first/);
      const noTemplate = await admin.post(`${base}/delivery/rounds`, { frequency: 'monthly', firstPeriodStart: '2026-01-01', count: '3', dueDaysAfter: '10' });
      assert.equal(noTemplate.statusCode, 400);
      assertPageHas(noTemplate.body, /Set up the return template before scheduling rounds/);
      await admin.get(`${base}/delivery/template`);
      assert.equal((await admin.post(`${base}/delivery/template/standard`)).statusCode, 302);
      const page = await admin.get(`${base}/delivery/template`);
      assertPageHas(page.body, /Marketing and recruitment campaign/);
      assertPageHas(page.body, /Days from enquiry to approval/);
      const bad = await admin.post(`${base}/delivery/template/items`, { kind: 'indicators', name: '', definition: '', unit: '', target: 'lots' });
      assert.equal(bad.statusCode, 400);
      for (const message of [
        /Enter the indicator’s name/,
        /Enter a definition, so every site counts the same thing/,
        /Enter the unit, like enquiries or days/,
        /The target must be a number/,
      ])
        assertPageHas(bad.body, message);
      const badDate = await admin.post(`${base}/delivery/template/items`, { kind: 'milestones', name: 'Panel', plannedOn: '2026-02-30' });
      assertPageHas(badDate.body, /Enter the planned date as a real date/);
      const badChoices = await admin.post(`${base}/delivery/template/items`, {
        kind: 'indicators',
        name: 'Rate',
        definition: 'A rate.',
        unit: '%',
        aggregation: 'median',
        better: 'sideways',
      });
      assertPageHas(badChoices.body, /Choose whether sites’ figures are added up or averaged/);
      assertPageHas(badChoices.body, /Choose whether a higher or a lower figure is better/);
      const badPurpose = await admin.post(`${base}/delivery/template/items`, { kind: 'sections', name: 'Notes', purpose: 'gossip' });
      assertPageHas(badPurpose.body, /Choose what the section is for/);
      await admin.post(`${base}/delivery/template/items`, {
        kind: 'indicators',
        name: 'Mockingbird constellations',
        definition: 'Constellations running in the authority at the end of the period.',
        unit: 'constellations',
        target: '1',
      });
      assertPageHas((await admin.get(`${base}/delivery/template`)).body, /Mockingbird constellations/);
    });

    it('schedules monthly rounds, refuses bad schedules, and e-mails leads when a round opens', async () => {
      const bad = await admin.post(`${base}/delivery/rounds`, { frequency: 'weekly', firstPeriodStart: 'soon', count: '0', dueDaysAfter: '-1' });
      assert.equal(bad.statusCode, 400);
      for (const message of [
        /Choose monthly or quarterly/,
        /Enter the first day as a real date/,
        /Add at least one round/,
        /Days after the period cannot be negative/,
      ])
        assertPageHas(bad.body, message);
      const tooMany = await admin.post(`${base}/delivery/rounds`, { frequency: 'quarterly', firstPeriodStart: '2026-01-01', count: '61', dueDaysAfter: '10' });
      assertPageHas(tooMany.body, /Add at most 60 rounds at a time/);
      assert.equal(
        (await admin.post(`${base}/delivery/rounds`, { frequency: 'monthly', firstPeriodStart: '2026-01-01', count: '3', dueDaysAfter: '10' })).statusCode,
        302,
      );
      const list = await admin.get(`${base}/delivery/rounds`);
      assertPageHas(list.body, /1: January 2026/);
      assertPageHas(list.body, /3: March 2026/);
      assertPageHas(list.body, /10 Feb 2026|10 February 2026/);
      await admin.get(`${base}/delivery/rounds/1`);
      assert.equal((await admin.post(`${base}/delivery/rounds/1/open`)).statusCode, 302);
      const mail = await t.db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.workspaceId, ws.id), eq(mailMessages.kind, 'checkpoint_open')));
      assert.deepEqual(mail.map((m) => m.toAddress).sort(), [leadA.email, leadB.email].sort());
      assertPageHas(mail[0].textBody, /\/delivery\/returns/);
    });

    it('saves a draft, reports bad answers by field, and submits only a complete return', async () => {
      const badNumber = await agentA.post(
        returnPath(1, 'Gateshead'),
        await fullForm(agentA, 1, 'Gateshead', { 'i11-value': 'twelve', 'i12-value': '-5', 'm6-actual': '2026-13-01', action: 'save' }),
      );
      assert.equal(badNumber.statusCode, 400);
      assertPageHas(badNumber.body, /Enquiries must be a number, like 12 \(you entered “twelve”\)/);
      assertPageHas(badNumber.body, /Initial visits cannot be negative \(you entered “-5”\)/);
      assertPageHas(badNumber.body, /must be a real date/);
      assertPageHas(badNumber.body, /value="twelve"/, 'what was typed is shown again');
      assert.equal((await t.db.select().from(checkpointReturns)).length, 0, 'nothing saved');
      // Typed as a person does, in the day, month and year boxes: a date that does not exist, and commentary over the limit.
      const longCommentary = `${'The assessors are stretched. '.repeat(350)}End.`;
      const typed = await agentA.post(
        returnPath(1, 'Gateshead'),
        await fullForm(agentA, 1, 'Gateshead', {
          'w2-rag': 'amber',
          'w2-commentary': longCommentary,
          'm6-actual-day': '31',
          'm6-actual-month': '2',
          'm6-actual-year': '2026',
          action: 'save',
        }),
      );
      assert.equal(typed.statusCode, 400);
      assertPageHas(typed.body, /must be 2,000 characters or fewer: it has 10,154/);
      assertPageHas(typed.body, /must be a real date, for example 27 3 2026/);
      assert.ok(typed.body.includes('End.</textarea>'), 'the whole commentary typed is shown again, not its first 2,000 characters');
      assertPageHas(typed.body, /name="m6-actual-day" type="text" value="31"|name="m6-actual-day"[^>]*value="31"/, 'the day typed is shown again');
      assertPageHas(typed.body, /name="m6-actual-month"[^>]*value="2"/);
      assert.equal((await t.db.select().from(checkpointReturns)).length, 0, 'still nothing saved');
      const draft = await agentA.post(returnPath(1, 'Gateshead'), {
        ...(await fullForm(agentA, 1, 'Gateshead')),
        'w1-rag': '',
        'w2-rag': 'red',
        'w2-commentary': '',
        action: 'save',
      });
      assert.equal(draft.statusCode, 302);
      const incomplete = await agentA.post(returnPath(1, 'Gateshead'), {
        ...(await fullForm(agentA, 1, 'Gateshead')),
        'w1-rag': '',
        'w2-rag': 'red',
        'w2-commentary': '',
        'i12-value': '',
        action: 'submit',
      });
      assert.equal(incomplete.statusCode, 400);
      assertPageHas(incomplete.body, /Choose a RAG status for Marketing and recruitment campaign/);
      assertPageHas(incomplete.body, /Explain why Enquiry handling and assessment is red/);
      assertPageHas(incomplete.body, /Enter a figure for Initial visits \(enter 0 if there were none\)/);
      const submitted = await agentA.post(returnPath(1, 'Gateshead'), {
        ...(await fullForm(agentA, 1, 'Gateshead')),
        'w2-rag': 'amber',
        'w2-commentary': 'Two assessors on long-term leave.',
        'i11-value': '1,250',
        action: 'submit',
      });
      assert.equal(submitted.statusCode, 302);
      const [saved] = await t.db.select().from(checkpointReturns).where(eq(checkpointReturns.siteId, sites.Gateshead));
      assert.equal(saved.status, 'submitted');
      // Told to systems outside (webhooks): which site, round and programme, with a link to the return.
      const [event] = await t.db.select().from(workspaceEvents).where(eq(workspaceEvents.type, 'return.submitted'));
      const told = event.data as { site: { name: string }; round: { number: number }; return: { path: string } };
      assert.ok(/Gateshead/.test(told.site.name) && told.round.number === 1 && told.return.path.endsWith(`/delivery/rounds/1/sites/${sites.Gateshead}`));
      assert.equal(saved.content.indicators.i11, 1250);
      assert.equal(saved.content.workstreams.w2.rag, 'amber');
      const again = await agentA.post(returnPath(1, 'Gateshead'), {
        ...(await fullForm(agentA, 1, 'Gateshead').catch(() => ({}))),
        revision: String(saved.revision),
        action: 'save',
      });
      assert.equal(again.statusCode, 409);
      assertPageHas(again.body, /has been submitted. Ask the programme team to return it to you/);
    });

    it('keeps sites apart: no other site’s return, and the department sees only submitted ones', async () => {
      await agentB.post(returnPath(1, 'Sunderland'), { ...(await fullForm(agentB, 1, 'Sunderland')), action: 'save' });
      const other = await agentB.get(returnPath(1, 'Gateshead'));
      assert.equal(other.statusCode, 403);
      assertPageHas(other.body, /only for the sites you answer for/);
      assert.equal((await agentB.post(returnPath(1, 'Gateshead'), { action: 'save', revision: '1' })).statusCode, 403);
      assert.equal((await agentB.get(`${base}/delivery/dashboard`)).statusCode, 403);
      const draft = await centreAgent.get(returnPath(1, 'Sunderland'));
      assert.equal(draft.statusCode, 403);
      assertPageHas(draft.body, /has not submitted this return yet/);
      assert.equal((await centreAgent.get(returnPath(1, 'Gateshead'))).statusCode, 200);
      assert.equal((await centreAgent.post(returnPath(1, 'Gateshead'), { action: 'save' })).statusCode, 403);
      assert.equal((await centreAgent.get(`${base}/delivery/dashboard`)).statusCode, 200);
    });

    it('never lets two people editing the same draft silently overwrite each other', async () => {
      const colleague = await signedIn(leadB);
      const mine = await fullForm(agentB, 1, 'Sunderland', { 's17-text': 'Mine: the foster carer ambassadors scheme is working.' });
      const theirs = await fullForm(colleague, 1, 'Sunderland', { 's17-text': 'Theirs: panel dates are the bottleneck.' });
      assert.equal((await colleague.post(returnPath(1, 'Sunderland'), { ...theirs, action: 'save' })).statusCode, 302);
      const clash = await agentB.post(returnPath(1, 'Sunderland'), { ...mine, action: 'save' });
      assert.equal(clash.statusCode, 409);
      assertPageHas(clash.body, /Your changes were not saved/);
      assertPageHas(clash.body, /saved this return at \d\d:\d\d/);
      assertPageHas(clash.body, /Mine: the foster carer ambassadors scheme is working/);
      const [kept] = await t.db.select().from(checkpointReturns).where(eq(checkpointReturns.siteId, sites.Sunderland));
      assertPageHas(kept.content.sections.s17, /^Theirs/);
      const newRevision = /name="revision" value="(\d+)"/.exec(clash.body)![1];
      assert.equal(
        (await agentB.post(returnPath(1, 'Sunderland'), { ...mine, revision: newRevision, action: 'save' })).statusCode,
        302,
        'saving again, knowingly, replaces theirs',
      );
      const autosave = await agentB.post(`${returnPath(1, 'Sunderland')}/autosave`, { ...mine, revision: newRevision });
      assert.equal(autosave.statusCode, 409);
      assertPageHas(autosave.body, /while you were editing/);
    });

    it('returns a submission for correction and keeps every version', async () => {
      const noReason = await admin.post(`${returnPath(1, 'Gateshead')}/return-for-correction`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      assertPageHas(noReason.body, /Say what needs correcting/);
      assert.equal(
        (await admin.post(`${returnPath(1, 'Gateshead')}/return-for-correction`, { reason: 'Enquiries look like a year-to-date figure: give January only.' }))
          .statusCode,
        302,
      );
      const page = await agentA.get(returnPath(1, 'Gateshead'));
      assertPageHas(page.body, /Returned for correction: Enquiries look like a year-to-date figure/);
      assert.equal(
        (await agentA.post(returnPath(1, 'Gateshead'), { ...(await fullForm(agentA, 1, 'Gateshead')), 'i11-value': '31', action: 'submit' })).statusCode,
        302,
      );
      const [row] = await t.db.select().from(checkpointReturns).where(eq(checkpointReturns.siteId, sites.Gateshead));
      const versions = await t.db.select().from(returnVersions).where(eq(returnVersions.returnId, row.id));
      assert.deepEqual(versions.map((v) => v.status).sort(), ['returned', 'submitted', 'submitted']);
      assert.ok(
        versions.some((v) => v.content.indicators.i11 === 1250),
        'the first submission is kept as it was',
      );
      const mail = await t.db.select().from(mailMessages).where(eq(mailMessages.kind, 'checkpoint_returned'));
      assert.equal(mail[0].toAddress, leadA.email);
    });

    it('writes a new template version once a round uses it, leaving earlier returns intact', async () => {
      await admin.get(`${base}/delivery/template`);
      const changed = await admin.post(`${base}/delivery/template/items`, { kind: 'workstreams', name: 'Kinship and connected carers', description: '' });
      assert.equal(changed.statusCode, 302);
      const versions = await t.db.select().from(returnTemplates).where(eq(returnTemplates.workspaceId, ws.id));
      assert.deepEqual(versions.map((v) => v.version).sort(), [1, 2]);
      assert.ok(!versions.find((v) => v.version === 1)!.definition.workstreams.some((w) => w.name === 'Kinship and connected carers'));
      const page = await agentA.get(returnPath(1, 'Gateshead'));
      assertPageLacks(page.body, /Kinship and connected carers/, 'round 1 still asks the questions of version 1');
    });

    it('shows the round tracker, the dashboard and its Excel export', async () => {
      const tracker = await admin.get(`${base}/delivery/rounds/1`);
      assertPageHas(tracker.body, /<span class="bw-stat__number">1<\/span><span class="bw-stat__label">submitted of 3/);
      assertPageHas(tracker.body, /Newcastle City Council[\s\S]*?Late|Newcastle City Council[\s\S]*?Not started/);
      const dashboard = await admin.get(`${base}/delivery/dashboard?round=1`);
      assert.equal(dashboard.statusCode, 200);
      assertPageHas(dashboard.body, /1 \/ 3<\/span><span class="bw-stat__label">returns submitted/);
      // Sites one by one only on demand: a hub chosen, or every site asked for.
      assertPageLacks(dashboard.body, /bw-rag bw-rag--green">Green/);
      assertPageHas(dashboard.body, /show every site \(3\)/);
      assertPageHas((await admin.get(`${base}/delivery/dashboard?round=1&sites=all`)).body, /bw-rag bw-rag--green">Green/);
      assertPageHas(dashboard.body, /<svg[^>]+class="bw-sparkline"[^>]+role="img"/);
      assertPageHas(dashboard.body, /North East Fostering Hub/);
      const filtered = await admin.get(`${base}/delivery/dashboard?round=1&region=Nowhere`);
      assertPageHas(filtered.body, /0 sites in view \(filtered\)/);
      const xlsx = await admin.get(`${base}/delivery/dashboard.xlsx?round=1`);
      assert.equal(xlsx.statusCode, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        workbook.worksheets.map((w) => w.name),
        ['RAG', 'Indicators by site', 'Totals by hub', 'Totals by region', 'Trend', 'Milestones', 'About'],
      );
      assert.equal(workbook.getWorksheet('Indicators by site')!.getRow(2).getCell(3).value, 31);
      const site = await centreAgent.get(`${base}/delivery/sites/${sites.Gateshead}`);
      assert.equal(site.statusCode, 200);
      assertPageHas(site.body, /Latest return: January 2026/);
    });

    it('takes a contact and a site without returns out again, with a trail, and keeps a site that has returns', async () => {
      const [durham] = await t.db.insert(organisations).values({ workspaceId: ws.id, name: 'Durham County Council', kind: 'local_authority' }).returning();
      const contact = await addMember(t.db, ws.id, 'member', 'Dana Durham');
      await admin.get(`${base}/delivery/sites`);
      assert.equal((await admin.post(`${base}/delivery/sites`, { organisationId: durham.id })).statusCode, 302);
      const [site] = await t.db
        .select({ id: deliverySites.id })
        .from(deliverySites)
        .where(and(eq(deliverySites.workspaceId, ws.id), eq(deliverySites.organisationId, durham.id)));
      const sitePage = `${base}/delivery/sites/${site.id}`;
      await admin.get(sitePage);
      await admin.post(`${sitePage}/contacts`, { personId: contact.personId, role: 'contact' });
      assertPageHas((await admin.get(sitePage)).body, /Dana Durham/);
      assert.equal((await admin.post(`${sitePage}/contacts`, { personId: contact.personId, action: 'remove' })).statusCode, 302);
      const afterRemoval = await admin.get(sitePage);
      assertPageHas(afterRemoval.body, /Removed the contact/);
      assertPageLacks(afterRemoval.body, /Dana Durham · Contact/);
      const again = await admin.post(`${sitePage}/contacts`, { personId: contact.personId, action: 'remove' });
      assert.equal(again.statusCode, 302);
      assertPageHas((await admin.get(sitePage)).body, /That person is no longer a lead or contact for Durham County Council/);

      await admin.get(`${base}/delivery/sites`);
      assert.equal((await admin.post(`${base}/delivery/sites/${site.id}/remove`)).statusCode, 302);
      assertPageHas((await admin.get(`${base}/delivery/sites`)).body, /Removed Durham County Council/);
      assert.equal((await t.db.select().from(deliverySites).where(eq(deliverySites.id, site.id))).length, 0);
      const trail = (await admin.get(`${ws.base}/admin/audit`)).body;
      assertPageHas(trail, /Dana Durham is no longer a lead or contact for Durham County Council/);
      assertPageHas(trail, /Removed Durham County Council from the programme’s sites/);

      await admin.post(`${base}/delivery/sites/${sites.Gateshead}/remove`);
      assertPageHas((await admin.get(`${base}/delivery/sites`)).body, /Gateshead Council has returns, so it stays in the programme/);
      assert.equal((await t.db.select().from(deliverySites).where(eq(deliverySites.id, sites.Gateshead))).length, 1);
    });
  });
}
