import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { topics } from '../topics/tables.ts';
import { people, personTopics } from './tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';

for (const backend of testBackends()) {
  describe(`people (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let other: TestWorkspace;
    let admin: Agent;
    let orgId: string;
    let topicId: string;
    let foreignOrgId: string;
    let foreignTopicId: string;
    let foreignPersonId: string;

    const personForm = (overrides: Record<string, string | string[]> = {}) => ({
      fullName: 'Grace Ogunleye',
      jobTitle: 'Service Manager, Best Start in Life',
      organisationId: orgId,
      region: 'West Midlands',
      email: 'grace.ogunleye@birmingham.example',
      phone: '0121 303 0000',
      contactPreference: 'email',
      openToContact: 'yes',
      topicIds: [topicId],
      bio: 'Commissions 0–5 services.',
      ...overrides,
    });

    /** Someone recorded in the workspace, made by the test that needs them. */
    const somebody = async (fullName: string) => (await t.db.insert(people).values({ workspaceId: ws.id, fullName }).returning())[0];

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      other = await createTestWorkspace(t.db);
      [{ id: orgId }] = await t.db.insert(organisations).values({ workspaceId: ws.id, name: 'Birmingham City Council', kind: 'local_authority' }).returning();
      [{ id: topicId }] = await t.db.insert(topics).values({ workspaceId: ws.id, name: 'Health visiting' }).returning();
      [{ id: foreignOrgId }] = await t.db.insert(organisations).values({ workspaceId: other.id, name: 'Secret Org', kind: 'charity' }).returning();
      [{ id: foreignTopicId }] = await t.db.insert(topics).values({ workspaceId: other.id, name: 'Secret topic' }).returning();
      [{ id: foreignPersonId }] = await t.db.insert(people).values({ workspaceId: other.id, fullName: 'Hidden Person', bio: 'confidential bio' }).returning();
    });
    after(() => t.close());

    it('adds a person with topics and an audit entry, then shows their profile', async () => {
      await admin.get(`${ws.base}/people/new`);
      const response = await admin.post(`${ws.base}/people`, personForm());
      assert.equal(response.statusCode, 302);
      const id = String(response.headers.location).split('/').pop()!;
      const profile = await admin.get(`${ws.base}/people/${id}`);
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /Grace Ogunleye/);
      assert.match(profile.body, /Birmingham City Council/);
      assert.match(profile.body, /Health visiting/);
      assert.match(profile.body, /Added Grace Ogunleye/);
      const tags = await t.db.select().from(personTopics).where(eq(personTopics.personId, id));
      assert.equal(tags.length, 1);
      const audit = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'person.created')));
      assert.equal(audit.length, 1);
      assert.equal(audit[0].actorName, 'Alex Admin');
    });

    it('lists, searches, filters and paginates people', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => ({
        workspaceId: ws.id,
        fullName: `Listed Person ${String(i).padStart(2, '0')}`,
        region: i % 2 ? 'London' : 'North East',
      }));
      await t.db.insert(people).values(rows);
      const [holder] = await t.db.insert(people).values({ workspaceId: ws.id, fullName: 'Topic Holder' }).returning();
      await t.db.insert(personTopics).values({ workspaceId: ws.id, personId: holder.id, topicId });
      const first = await admin.get(`${ws.base}/people?q=Listed`);
      assert.match(first.body, /Showing 1 to 25 of 30 people/);
      const second = await admin.get(`${ws.base}/people?q=Listed&page=2`);
      assert.match(second.body, /Showing 26 to 30 of 30 people/);
      const london = await admin.get(`${ws.base}/people?q=Listed&region=London`);
      assert.match(london.body, /of 15 people/);
      const byTopic = await admin.get(`${ws.base}/people?topic=${topicId}`);
      assert.match(byTopic.body, /Topic Holder/);
      assert.doesNotMatch(byTopic.body, /Listed Person/);
      const wildcard = await admin.get(`${ws.base}/people?q=${encodeURIComponent('%')}`);
      assert.match(wildcard.body, /No people match/);
      const junk = await admin.get(`${ws.base}/people?page=-4&topic=not-a-uuid&organisation=${"'; DROP TABLE people; --"}`);
      assert.equal(junk.statusCode, 200);
    });

    it('re-renders the form with each error and the values typed, and saves nothing', async () => {
      const before = (await t.db.select({ n: count() }).from(people).where(eq(people.workspaceId, ws.id)))[0].n;
      await admin.get(`${ws.base}/people/new`);
      const response = await admin.post(
        `${ws.base}/people`,
        personForm({ fullName: '', email: 'nope', phone: 'call me maybe', region: 'Atlantis', contactPreference: 'pigeon', bio: 'b'.repeat(2001) }),
      );
      assert.equal(response.statusCode, 400);
      for (const message of [
        'Enter the person’s full name',
        'Enter an email address in the correct format',
        'Enter a phone number',
        'Select a region from the list',
        'Select how they prefer to be contacted',
        'Short bio must be 2000 characters or fewer',
      ]) {
        assert.ok(response.body.includes(message), `shows “${message}”`);
      }
      assert.match(response.body, /value="call me maybe"/);
      assert.equal((await t.db.select({ n: count() }).from(people).where(eq(people.workspaceId, ws.id)))[0].n, before);
    });

    it('escapes hostile text everywhere it is shown', async () => {
      const hostile = '<img src=x onerror=alert(1)>"\'&';
      await admin.get(`${ws.base}/people/new`);
      const response = await admin.post(`${ws.base}/people`, personForm({ fullName: hostile, email: 'hostile@example.org', bio: '<script>alert(2)</script>' }));
      assert.equal(response.statusCode, 302);
      const profile = await admin.get(String(response.headers.location));
      assert.doesNotMatch(profile.body, /<img src=x/);
      assert.doesNotMatch(profile.body, /<script>alert\(2\)/);
      assert.match(profile.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
      const list = await admin.get(`${ws.base}/people?q=${encodeURIComponent('<img')}`);
      assert.doesNotMatch(list.body, /<img src=x/);
      assert.match(list.body, /value="&lt;img"/);
    });

    it('refuses a duplicate e-mail address in the same workspace', async () => {
      await t.db.insert(people).values({ workspaceId: ws.id, fullName: 'Already Here', email: 'already.here@birmingham.example' });
      await admin.get(`${ws.base}/people/new`);
      const response = await admin.post(`${ws.base}/people`, personForm({ fullName: 'Someone Else', email: 'ALREADY.HERE@birmingham.example' }));
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /already has that email address/);
    });

    it('refuses another workspace’s organisation and topics, and never shows its people', async () => {
      await admin.get(`${ws.base}/people/new`);
      const foreignOrg = await admin.post(`${ws.base}/people`, personForm({ email: 'a1@example.org', organisationId: foreignOrgId }));
      assert.equal(foreignOrg.statusCode, 400);
      assert.match(foreignOrg.body, /Select an organisation from the list/);
      const foreignTopic = await admin.post(`${ws.base}/people`, personForm({ email: 'a2@example.org', topicIds: [topicId, foreignTopicId] }));
      assert.equal(foreignTopic.statusCode, 400);
      assert.match(foreignTopic.body, /Select expertise topics from the list/);
      for (const url of [`${ws.base}/people/${foreignPersonId}`, `${ws.base}/people/${foreignPersonId}/edit`]) {
        const response = await admin.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.doesNotMatch(response.body, /Hidden Person|confidential bio/);
      }
      const edit = await admin.post(`${ws.base}/people/${foreignPersonId}/edit`, personForm({ email: 'a3@example.org' }));
      assert.equal(edit.statusCode, 404);
      const del = await admin.post(`${ws.base}/people/${foreignPersonId}/delete`);
      assert.equal(del.statusCode, 404);
      const [still] = await t.db.select().from(people).where(eq(people.id, foreignPersonId));
      assert.equal(still.fullName, 'Hidden Person');
      const list = await admin.get(`${ws.base}/people?q=Hidden`);
      assert.doesNotMatch(list.body, /Hidden Person/);
      const otherWorkspace = await admin.get(`${other.base}/people`);
      assert.equal(otherWorkspace.statusCode, 404);
    });

    it('tells browsers and proxies to keep no copy of a signed-in page', async () => {
      assert.equal((await admin.get(`${ws.base}/people`)).headers['cache-control'], 'no-store');
      assert.notEqual((await new Agent(t.app).get('/sign-in')).headers['cache-control'], 'no-store', 'pages for everyone may be kept');
    });

    it('answers 404 for malformed ids rather than failing', async () => {
      for (const id of ['not-a-uuid', '1', "1' OR '1'='1", '00000000-0000-0000-0000-000000000000']) {
        const response = await admin.get(`${ws.base}/people/${encodeURIComponent(id)}`);
        assert.equal(response.statusCode, 404, id);
      }
    });

    describe('permissions', () => {
      let member: TestUser;
      let memberAgent: Agent;
      let viewerAgent: Agent;
      before(async () => {
        member = await addMember(t.db, ws.id, 'member', 'Mo Member');
        memberAgent = new Agent(t.app);
        await memberAgent.signIn(member.email, member.password);
        const viewer = await addMember(t.db, ws.id, 'viewer');
        viewerAgent = new Agent(t.app);
        await viewerAgent.signIn(viewer.email, viewer.password);
      });

      it('lets a member edit their own profile but no one else’s', async () => {
        const own = await memberAgent.get(`${ws.base}/people/${member.personId}/edit`);
        assert.equal(own.statusCode, 200);
        const saved = await memberAgent.post(
          `${ws.base}/people/${member.personId}/edit`,
          personForm({ fullName: 'Mo Member', email: member.email, organisationId: '', topicIds: [] }),
        );
        assert.equal(saved.statusCode, 302);
        const page = await memberAgent.get(String(saved.headers.location));
        assert.match(page.body, /Your profile has been saved/);
        const someone = await somebody('Edith Else');
        assert.equal((await memberAgent.get(`${ws.base}/people/${someone.id}/edit`)).statusCode, 403);
        assert.equal((await memberAgent.post(`${ws.base}/people/${someone.id}/edit`, personForm({ fullName: 'Hijacked' }))).statusCode, 403);
        const [unchanged] = await t.db.select().from(people).where(eq(people.id, someone.id));
        assert.equal(unchanged.fullName, 'Edith Else');
      });

      it('stops members and viewers adding or deleting people', async () => {
        assert.equal((await memberAgent.get(`${ws.base}/people/new`)).statusCode, 403);
        assert.equal((await viewerAgent.post(`${ws.base}/people`, personForm({ email: 'v@example.org' }))).statusCode, 403);
        const someone = await somebody('Dora Delete-Proof');
        assert.equal((await memberAgent.post(`${ws.base}/people/${someone.id}/delete`)).statusCode, 403);
        assert.equal((await t.db.select().from(people).where(eq(people.id, someone.id))).length, 1);
      });

      it('lets an administrator delete a person, but not themselves', async () => {
        const self = await admin.post(`${ws.base}/people/${ws.admin.personId}/delete`);
        assert.equal(self.statusCode, 403);
        const someone = await somebody('Leo Leaving');
        await admin.get(`${ws.base}/people/${someone.id}`);
        const response = await admin.post(`${ws.base}/people/${someone.id}/delete`);
        assert.equal(response.statusCode, 302);
        assert.equal((await t.db.select().from(people).where(eq(people.id, someone.id))).length, 0);
      });

      it('hides contact details of people who are not open to contact from members', async () => {
        const [{ id }] = await t.db
          .insert(people)
          .values({ workspaceId: ws.id, fullName: 'Private Pat', email: 'pat.private@example.org', phone: '07700 900123', openToContact: false })
          .returning();
        const asMember = await memberAgent.get(`${ws.base}/people/${id}`);
        assert.doesNotMatch(asMember.body, /pat\.private@example\.org|07700 900123/);
        const asAdmin = await admin.get(`${ws.base}/people/${id}`);
        assert.match(asAdmin.body, /pat\.private@example\.org/);
      });
    });
  });
}
