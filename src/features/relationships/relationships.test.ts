import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { people } from '../people/tables.ts';
import { edgesUntil, measure, type NetworkPerson, type Tie } from './network.ts';
import { introductions, relationships } from './tables.ts';

const person = (id: string, perspective: NetworkPerson['perspective'], organisationId: string | null = null, programmeIds = ['p']): NetworkPerson => ({
  id,
  fullName: id,
  organisationId,
  organisation: organisationId,
  perspective,
  programmeIds,
});

describe('network measures', () => {
  const everyone = [
    person('researcher', 'academic'),
    person('dfe', 'central_government', 'dfe'),
    person('leeds', 'local_government', 'leeds'),
    person('bradford', 'local_government', 'bradford'),
    person('parent', 'lived_experience'),
    person('other-programme', 'local_government', 'york', ['q']),
  ];
  const ties: Tie[] = [
    { a: 'dfe', b: 'leeds', kind: 'collaborated', on: '2026-01-10' },
    { a: 'researcher', b: 'dfe', kind: 'introduced', on: '2026-03-01' },
    { a: 'leeds', b: 'bradford', kind: 'met', on: '2026-04-01' },
    { a: 'leeds', b: 'bradford', kind: 'collaborated', on: '2026-05-01' },
    { a: 'leeds', b: 'other-programme', kind: 'met', on: '2026-05-02' },
  ];

  it('counts ties once per pair, with every way they are tied, and the boundaries they cross', () => {
    const edges = edgesUntil(everyone, ties, '2026-12-31');
    assert.equal(edges.length, 4);
    const councils = edges.find((e) => [e.a, e.b].includes('bradford'))!;
    assert.deepEqual(councils.kinds.sort(), ['collaborated', 'met']);
    assert.equal(councils.first, '2026-04-01');
    assert.deepEqual(councils.boundaries, ['between_councils']);
    assert.deepEqual(edges.find((e) => [e.a, e.b].includes('researcher'))!.boundaries, ['research_policy']);
    assert.deepEqual(edges.find((e) => [e.a, e.b].includes('other-programme'))!.boundaries, ['between_councils', 'between_programmes']);
  });

  it('measures before and after: growth, density, brokerage and who would leave others cut off', () => {
    const before = measure(everyone, edgesUntil(everyone, ties, '2026-02-28'));
    const now = measure(everyone, edgesUntil(everyone, ties, '2026-12-31'));
    assert.equal(before.ties, 1);
    assert.equal(now.ties, 4);
    assert.equal(now.crossing.central_local, 1);
    assert.equal(now.crossing.research_policy, 1);
    assert.equal(now.crossing.between_councils, 2);
    assert.equal(now.isolated, 1, 'the parent has no tie');
    assert.equal(now.groups, 2);
    assert.ok(Math.abs(now.density - 4 / 15) < 1e-9);
    const leeds = now.byPerson.find((p) => p.person.id === 'leeds')!;
    const dfe = now.byPerson.find((p) => p.person.id === 'dfe')!;
    assert.ok(leeds.brokerage > dfe.brokerage && dfe.brokerage > 0, 'Leeds connects the most people who would not otherwise meet');
    assert.deepEqual(leeds.wouldIsolate.sort(), ['bradford', 'other-programme']);
    assert.equal(leeds.wouldSplit, 2);
    assert.deepEqual(dfe.wouldIsolate, ['researcher']);
  });

  it('copes with nobody, one person and no ties', () => {
    assert.equal(measure([], []).people, 0);
    const alone = measure([person('x', null)], []);
    assert.equal(alone.density, 0);
    assert.equal(alone.byPerson[0].brokerage, 0);
  });
});

for (const backend of testBackends()) {
  describe(`relationships and introductions (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let janet: TestUser;
    let louise: TestUser;
    let margaret: TestUser;
    let asJanet: Agent;
    let noEmailId: string;
    let programmeId: string;

    before(async () => {
      smtp = await startSmtpServer();
      ({ t, ws, admin } = await startWorkspaceTest(backend, { SMTP_URL: smtp.url }));
      janet = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      louise = await addMember(t.db, ws.id, 'member', 'Louise Hargreaves');
      margaret = await addMember(t.db, ws.id, 'member', 'Margaret Ellison');
      asJanet = new Agent(t.app);
      await asJanet.signIn(janet.email, janet.password);
      [{ id: noEmailId }] = await t.db.insert(people).values({ workspaceId: ws.id, fullName: 'Pat Nomail' }).returning({ id: people.id });
      await admin.get(`${ws.base}/programmes`);
      const programme = await admin.post(`${ws.base}/programmes`, {
        name: 'Hubs',
        kind: 'cohort_learning',
        startsOn: addDays(londonToday(), -60),
        endsOn: addDays(londonToday(), 60),
      });
      programmeId = String(programme.headers.location).split('/').at(-2)!;
      for (const user of [janet, louise, margaret])
        await admin.post(`/w/${ws.slug}/programmes/${programmeId}/cohort`, { personId: user.personId, role: 'participant' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it('records a tie by hand from a person’s page, refusing the person themselves, strangers, bad dates and repeats', async () => {
      const form = await admin.get(`${ws.base}/network/ties/new?person=${janet.personId}`);
      assert.equal(form.statusCode, 200);
      const base = { personId: janet.personId, kind: 'collaborated', 'occurredOn-day': '3', 'occurredOn-month': '2', 'occurredOn-year': '2025' };
      const self = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: janet.personId });
      assert.equal(self.statusCode, 400);
      assertPageHas(self.body, /Choose someone other than the person themselves/);
      const stranger = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: '00000000-0000-4000-8000-000000000000' });
      assertPageHas(stranger.body, /Choose the person they are tied to from the list/);
      const badDate = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: louise.personId, 'occurredOn-day': '31', 'occurredOn-month': '2' });
      assertPageHas(badDate.body, /Enter the date as a real date/);
      const noKind = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: louise.personId, kind: 'married' });
      assertPageHas(noKind.body, /Choose how they are tied/);
      const saved = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: louise.personId, note: 'Both ran the 2024 campaign' });
      assert.equal(saved.statusCode, 302);
      const again = await admin.post(`${ws.base}/network/ties`, { ...base, otherPersonId: louise.personId });
      assert.equal(again.statusCode, 409);
      assertPageHas(again.body, /already recorded for these two people on that date/);
      const profile = await admin.get(`${ws.base}/people/${janet.personId}`);
      assertPageHas(profile.body, /Worked together: <a class="govuk-link" href="[^"]+">Louise Hargreaves<\/a>/);
      assertPageHas(profile.body, /Both ran the 2024 campaign/);
      assert.equal((await t.db.select().from(relationships).where(eq(relationships.workspaceId, ws.id))).length, 1);
    });

    it('keeps who knows whom to the staff', async () => {
      assert.equal((await asJanet.get(`${ws.base}/network`)).statusCode, 403);
      assert.equal((await asJanet.get(`${ws.base}/network/programmes/${programmeId}`)).statusCode, 403);
      assert.equal((await asJanet.get(`${ws.base}/introductions`)).statusCode, 403);
      await asJanet.get(`${ws.base}/people`);
      assert.equal((await asJanet.post(`${ws.base}/introductions`, { personIds: [louise.personId, margaret.personId], note: 'x' })).statusCode, 403);
      const profile = await asJanet.get(`${ws.base}/people/${louise.personId}`);
      assert.doesNotMatch(profile.body, /Record a relationship/);
    });

    it('introduces people in one e-mail to all of them, refusing too few, anyone without an e-mail and a past follow-up date', async () => {
      await admin.get(`${ws.base}/introductions?people=${louise.personId}`);
      const one = await admin.post(`${ws.base}/introductions`, { personIds: [louise.personId], note: 'Talk' });
      assert.equal(one.statusCode, 400);
      assertPageHas(one.body, /Choose at least two people to introduce/);
      const noEmail = await admin.post(`${ws.base}/introductions`, { personIds: [louise.personId, noEmailId], note: 'Talk' });
      assertPageHas(noEmail.body, /Add an e-mail address for Pat Nomail first/);
      const noNote = await admin.post(`${ws.base}/introductions`, { personIds: [louise.personId, margaret.personId], note: '' });
      assertPageHas(noNote.body, /Enter a note saying why they should talk/);
      const past = await admin.post(`${ws.base}/introductions`, {
        personIds: [louise.personId, margaret.personId],
        note: 'Talk',
        'followUpOn-day': '1',
        'followUpOn-month': '1',
        'followUpOn-year': '2020',
      });
      assertPageHas(past.body, /The follow-up date must be today or later/);
      assert.equal((await t.db.select().from(introductions).where(eq(introductions.workspaceId, ws.id))).length, 0);
      const sent = smtp.received.length;
      const made = await admin.post(`${ws.base}/introductions`, {
        personIds: [louise.personId, margaret.personId],
        note: 'Margaret merged five councils’ adoption teams; Louise is about to merge recruitment teams.',
      });
      assert.equal(made.statusCode, 302);
      assert.equal(smtp.received.length, sent + 1, 'one e-mail');
      const mail = smtp.received.at(-1)!;
      assert.deepEqual(mail.to.sort(), [louise.email, margaret.email, ws.admin.email].sort());
      assert.match(mail.raw, /Subject: Introducing Louise Hargreaves and Margaret Ellison/);
      assert.match(mail.raw.replace(/=\r?\n/g, ''), /Reply to all to start the conversation/);
      const ties = await t.db
        .select()
        .from(relationships)
        .where(and(eq(relationships.workspaceId, ws.id), eq(relationships.kind, 'introduced')));
      assert.equal(ties.length, 1);
      const list = await admin.get(`${ws.base}/introductions`);
      assertPageHas(list.body, /Louise Hargreaves, Margaret Ellison/);
      assertPageHas(list.body, /Follow up /);
      // When the follow-up date comes, the facilitator's home asks.
      assertPageLacks((await admin.get(ws.base)).body, /Introductions to follow up/);
      await t.db
        .update(introductions)
        .set({ followUpOn: addDays(londonToday(), -1) })
        .where(eq(introductions.workspaceId, ws.id));
      const home = await admin.get(ws.base);
      assertPageHas(home.body, /Introductions to follow up/);
      assertPageHas(home.body, /Did they meet\? Louise Hargreaves, Margaret Ellison/);
    });

    it('follows an introduction up: “they met” becomes a meeting on the map, and the network shows the growth', async () => {
      const [introduction] = await t.db.select().from(introductions).where(eq(introductions.workspaceId, ws.id));
      await admin.get(`${ws.base}/introductions`);
      const blank = await admin.post(`${ws.base}/introductions/${introduction.id}/outcome`, {});
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Say whether they met/);
      const met = await admin.post(`${ws.base}/introductions/${introduction.id}/outcome`, { outcome: 'met', outcomeNote: 'An hour in Leeds' });
      assert.equal(met.statusCode, 302);
      const meetings = await t.db
        .select()
        .from(relationships)
        .where(and(eq(relationships.workspaceId, ws.id), eq(relationships.kind, 'met')));
      assert.equal(meetings.length, 1);
      const network = await admin.get(`${ws.base}/network/programmes/${programmeId}`);
      assert.equal(network.statusCode, 200);
      // Janet and Louise's tie is from 2025, before the programme; Louise and Margaret's is new.
      assertPageHas(network.body, /1 new tie<\/strong> since the start: 1 before, 2 now/);
      assertPageHas(network.body, /<svg [^>]*class="bw-network__svg"[^>]*role="img"/);
      assertPageHas(
        network.body,
        /(Louise Hargreaves and Margaret Ellison|Margaret Ellison and Louise Hargreaves) <strong class="govuk-tag govuk-tag--green">New<\/strong>/,
      );
      assertPageHas(network.body, /Introduced, Met/);
      // Filtered to a perspective nobody here has: an empty map, not an error.
      const filtered = await admin.get(`${ws.base}/network/programmes/${programmeId}?perspective=academic`);
      assert.equal(filtered.statusCode, 200);
      assertPageHas(filtered.body, /0 people/);
      assert.equal((await admin.get(`${ws.base}/network/programmes/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    });

    it('puts the network in the programme’s evaluation report, without names', async () => {
      const report = await admin.get(`${ws.base}/programmes/${programmeId}/evaluation/report`);
      assert.equal(report.statusCode, 200);
      assertPageHas(report.body, /<h2 class="govuk-heading-l">Relationships<\/h2>/);
      assertPageHas(report.body, /had 1 ties between them before it began and 2 by/);
      const picture = /<svg [^>]*class="bw-network__svg"[\s\S]*?<\/svg>/.exec(report.body)![0];
      assert.doesNotMatch(picture, /<text/, 'no names in the report’s picture');
      // (The Word copy, which needs enough survey answers, is checked with the evaluation's own tests.)
    });

    it('removes a tie recorded by mistake', async () => {
      const [tie] = await t.db
        .select()
        .from(relationships)
        .where(and(eq(relationships.workspaceId, ws.id), eq(relationships.kind, 'collaborated')));
      await admin.get(`${ws.base}/people/${janet.personId}`);
      const removed = await admin.post(`${ws.base}/network/ties/${tie.id}/delete`, { back: `${ws.base}/people/${janet.personId}` });
      assert.equal(removed.statusCode, 302);
      assert.match(String(removed.headers.location), new RegExp(`/people/${janet.personId}#relationships$`));
      const elsewhere = await admin.post(`${ws.base}/network/ties/${tie.id}/delete`, { back: 'https://evil.example/' });
      assert.equal(elsewhere.statusCode, 404);
    });
  });
}
