import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { topics } from '../topics/tables.ts';
import { programmeChanges, programmes } from '../programmes/tables.ts';
import { lessonApplications, lessonSources, lessons } from './tables.ts';

const lessonForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Agree the legal basis for shared assessments before go-live',
  whatHappened: 'Two councils could not share assessment records for three months after the agency opened.',
  whatWorked: 'A data sharing agreement signed before launch, in the councils that had one.',
  recommendation: 'Sign the data sharing agreement before the first shared case.',
  programmeId: '',
  phase: 'set_up',
  placeKind: 'A regional adoption agency of five councils',
  sitesSeen: '4',
  programmesSeen: '1',
  evaluated: 'yes',
  topicIds: [] as string[],
  ownerPersonId: '',
  revision: '0',
  ...overrides,
});

for (const backend of testBackends()) {
  describe(`lessons (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let member: TestUser;
    let asMember: Agent;
    let lessonUrl: string;
    let lessonId: string;
    let past: { id: string };
    let next: { id: string };
    let topicId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      member = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      asMember = new Agent(t.app);
      await asMember.signIn(member.email, member.password);
      [{ id: topicId }] = await t.db.insert(topics).values({ workspaceId: ws.id, name: 'Regional working' }).returning();
      [past] = await t.db
        .insert(programmes)
        .values({
          workspaceId: ws.id,
          name: 'Regional Adoption Agencies',
          kind: 'delivery_support',
          startsOn: '2024-01-01',
          endsOn: '2025-03-31',
          calendarToken: crypto.randomUUID(),
        })
        .returning();
      [next] = await t.db
        .insert(programmes)
        .values({
          workspaceId: ws.id,
          name: 'Fostering Recruitment Support Hubs',
          kind: 'delivery_support',
          aims: 'Councils recruit foster carers together through regional hubs, sharing assessments across councils.',
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
          calendarToken: crypto.randomUUID(),
        })
        .returning();
    });
    after(() => t.close());

    it('writes a draft lesson, refusing a blank title, bad counts and records from elsewhere', async () => {
      await admin.get(`${ws.base}/lessons/new`);
      const bad = await admin.post(`${ws.base}/lessons`, lessonForm({ title: '', sitesSeen: 'several', programmeId: crypto.randomUUID() }));
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /Enter a title/);
      assertPageHas(bad.body, /Enter the number of sites as a whole number/);
      const strange = await admin.post(`${ws.base}/lessons`, lessonForm({ topicIds: [crypto.randomUUID()] }));
      assertPageHas(strange.body, /Choose topics from the list/);
      const saved = await admin.post(`${ws.base}/lessons`, lessonForm({ programmeId: past.id, topicIds: [topicId] }));
      assert.equal(saved.statusCode, 302);
      lessonUrl = String(saved.headers.location);
      lessonId = lessonUrl.split('/').pop()!;
      const page = await admin.get(lessonUrl);
      assertPageHas(page.body, /Draft/);
      assertPageHas(page.body, /Seen at 4 sites in 1 programme; evaluated/);
      // A draft is not for everyone yet.
      assert.equal((await asMember.get(lessonUrl)).statusCode, 404);
      assertPageLacks((await asMember.get(`${ws.base}/lessons`)).body, /Agree the legal basis/);
      await asMember.get(`${ws.base}/lessons`);
      assert.equal((await asMember.post(`${ws.base}/lessons`, lessonForm())).statusCode, 403);
    });

    it('refuses a save over someone else’s newer one, keeping what was typed', async () => {
      await admin.get(`${lessonUrl}/edit`);
      const first = await admin.post(
        `${lessonUrl}/edit`,
        lessonForm({ programmeId: past.id, topicIds: [topicId], revision: '1', title: 'Agree data sharing before go-live' }),
      );
      assert.equal(first.statusCode, 302);
      const stale = await admin.post(`${lessonUrl}/edit`, lessonForm({ programmeId: past.id, revision: '1', whatHappened: 'My version of events.' }));
      assert.equal(stale.statusCode, 409);
      assertPageHas(stale.body, /Someone else saved this lesson while you were editing it/);
      assertPageHas(stale.body, /My version of events\./);
      const [row] = await t.db.select().from(lessons).where(eq(lessons.id, lessonId));
      assert.equal(row.title, 'Agree data sharing before go-live');
      assert.equal(row.revision, 2);
      assert.ok(row.ownerPersonId, 'an owner left empty in the form stays who it was');
    });

    it('is reviewed, then published, with who reviewed it and a review date a year on', async () => {
      await admin.get(lessonUrl);
      const early = await admin.post(`${lessonUrl}/status`, { status: 'published' });
      assert.equal(early.statusCode, 302);
      assert.equal((await t.db.select().from(lessons).where(eq(lessons.id, lessonId)))[0].status, 'draft');
      await admin.post(`${lessonUrl}/status`, { status: 'reviewed' });
      await admin.post(`${lessonUrl}/status`, { status: 'published' });
      const [row] = await t.db.select().from(lessons).where(eq(lessons.id, lessonId));
      assert.equal(row.status, 'published');
      assert.ok(row.reviewedByPersonId);
      assert.ok(row.reviewDueOn && row.reviewDueOn > new Date().toISOString().slice(0, 10));
      assert.equal((await asMember.get(lessonUrl)).statusCode, 200);
      await asMember.get(lessonUrl);
      assert.equal((await asMember.post(`${lessonUrl}/status`, { status: 'draft' })).statusCode, 403);
    });

    it('offers it to a later programme with the reason, and records it as applied there', async () => {
      const page = await admin.get(`${ws.base}/programmes/${next.id}/lessons`);
      assertPageHas(page.body, /Agree data sharing before go-live/);
      assertPageHas(page.body, /Because it mentions [^.]*(councils|assessments|sharing)/);
      const bad = await admin.post(`${ws.base}/programmes/${next.id}/lessons/${lessonId}/decision`, { decision: 'maybe' });
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /Choose whether it was applied/);
      const applied = await admin.post(`${ws.base}/programmes/${next.id}/lessons/${lessonId}/decision`, { decision: 'applied', note: 'In the hub agreement' });
      assert.equal(applied.statusCode, 302);
      assertPageHas((await admin.get(lessonUrl)).body, /Applied by\s*<a[^>]*>Fostering Recruitment Support Hubs<\/a>/);
      // Its own programme is not offered its own lesson.
      const own = await admin.post(`${ws.base}/programmes/${past.id}/lessons/${lessonId}/decision`, { decision: 'applied' });
      assertPageHas(own.body, /This lesson came from this programme/);
      assert.equal((await t.db.select().from(lessonApplications)).length, 1);
    });

    it('publishes a programme’s lessons at a public address, refusing while one came from private records', async () => {
      const signedOut = new Agent(t.app);
      const slug = 'regional-adoption-agencies';
      const address = `/public/${ws.base.split('/').pop()}/lessons/${slug}`;
      assert.equal((await signedOut.get(address)).statusCode, 404);
      const [secret] = await t.db
        .insert(lessons)
        .values({ workspaceId: ws.id, title: 'What the chief executives said', whatHappened: 'x', status: 'published', programmeId: past.id })
        .returning();
      await t.db
        .insert(lessonSources)
        .values({ workspaceId: ws.id, lessonId: secret.id, kind: 'thread', sourceId: secret.id, label: 'x', path: '/x', restricted: true });
      const page = await admin.get(`${ws.base}/programmes/${past.id}/lessons`);
      assertPageHas(page.body, /Not possible yet/);
      await admin.post(`${ws.base}/programmes/${past.id}/lessons/public`, { action: 'publish' });
      assert.equal((await signedOut.get(address)).statusCode, 404);
      await t.db.delete(lessons).where(eq(lessons.id, secret.id));
      await admin.get(`${ws.base}/programmes/${past.id}/lessons`);
      assert.equal((await admin.post(`${ws.base}/programmes/${past.id}/lessons/public`, { action: 'publish' })).statusCode, 302);
      const open = await signedOut.get(address);
      assert.equal(open.statusCode, 200);
      assertPageHas(open.body, /Lessons from Regional Adoption Agencies/);
      assertPageHas(open.body, /Agree data sharing before go-live/);
      assertPageLacks(open.body, /Where it came from/);
      await asMember.get(`${ws.base}/programmes/${past.id}/lessons`);
      assert.equal((await asMember.post(`${ws.base}/programmes/${past.id}/lessons/public`, { action: 'unpublish' })).statusCode, 403);
      // Another programme whose name makes the same address is refused with a reason, not an error page.
      const [twin] = await t.db
        .insert(programmes)
        .values({
          workspaceId: ws.id,
          name: 'Regional adoption agencies!',
          kind: 'cohort_learning',
          startsOn: '2024-01-01',
          endsOn: '2024-12-31',
          calendarToken: crypto.randomUUID(),
        })
        .returning();
      await t.db.insert(lessons).values({ workspaceId: ws.id, title: 'A twin lesson', whatHappened: 'x', status: 'published', programmeId: twin.id });
      await admin.get(`${ws.base}/programmes/${twin.id}/lessons`);
      const clash = await admin.post(`${ws.base}/programmes/${twin.id}/lessons/public`, { action: 'publish' });
      assert.equal(clash.statusCode, 302);
      assertPageHas((await admin.get(`${ws.base}/programmes/${twin.id}/lessons`)).body, /already published at the address this name makes/);
      await admin.get(`${ws.base}/programmes/${past.id}/lessons`);
      await admin.post(`${ws.base}/programmes/${past.id}/lessons/public`, { action: 'unpublish' });
      assert.equal((await signedOut.get(address)).statusCode, 404);
    });

    it('draws a draft lesson from a “you said, we did” change in one step, with its provenance', async () => {
      const [change] = await t.db
        .insert(programmeChanges)
        .values({
          workspaceId: ws.id,
          programmeId: past.id,
          youSaid: 'Sessions clash with panel days.',
          weDid: 'Moved sessions to Thursdays. Attendance rose.',
          madeOn: '2024-06-01',
        })
        .returning();
      await admin.get(`${ws.base}/lessons`);
      const drawn = await admin.post(`${ws.base}/lessons/promote`, { kind: 'change', sourceId: change.id });
      assert.equal(drawn.statusCode, 302);
      assert.match(String(drawn.headers.location), /\/lessons\/[0-9a-f-]{36}\/edit$/);
      const id = String(drawn.headers.location).split('/').at(-2)!;
      const [source] = await t.db.select().from(lessonSources).where(eq(lessonSources.lessonId, id));
      assert.equal(source.kind, 'change');
      assert.match(source.excerpt, /panel days/);
      const page = await admin.get(`${ws.base}/lessons/${id}`);
      assertPageHas(page.body, /Moved sessions to Thursdays/);
      assertPageHas(page.body, /“You said, we did”, 1 June 2024/);
      const missing = await admin.post(`${ws.base}/lessons/promote`, { kind: 'change', sourceId: crypto.randomUUID() });
      assert.equal(missing.statusCode, 404);
      await asMember.get(`${ws.base}/lessons`);
      assert.equal((await asMember.post(`${ws.base}/lessons/promote`, { kind: 'change', sourceId: change.id })).statusCode, 403);
    });

    it('offers close lessons beside text being written, and finds lessons in the one search box', async () => {
      const matches = await asMember.get(`${ws.base}/lessons/matches?text=${encodeURIComponent('We cannot share assessment records between councils')}`);
      assert.equal(matches.statusCode, 200);
      assertPageHas(matches.body, /Others met this/);
      assertPageHas(matches.body, /Agree data sharing before go-live/);
      const nothing = await asMember.get(`${ws.base}/lessons/matches?text=`);
      assert.equal(nothing.body.trim(), '');
      const search = await asMember.get(`${ws.base}/search?q=${encodeURIComponent('data sharing agreement')}`);
      assertPageHas(search.body, /Agree data sharing before go-live/);
    });
  });
}
