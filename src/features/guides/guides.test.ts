import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { lessonSources, lessons } from '../lessons/tables.ts';
import { guideVersions, guides } from './tables.ts';

for (const backend of testBackends()) {
  describe(`guides (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let lead: TestUser;
    let asLead: Agent;
    let base: string;
    let guideId: string;
    let sectionKey: string;
    let stepKey: string;

    const version = async () => (await t.db.select().from(guides).where(eq(guides.id, guideId)))[0].version;
    const step = (overrides: Record<string, string | string[]> = {}) => ({
      sectionKey,
      title: 'Agree the data sharing agreement',
      guidance: 'Every council signs **one** agreement before the shared tracker goes live.',
      checklist: '- Draft with each council’s information governance lead\n- Sign before go-live',
      lessonIds: [] as string[],
      evidenceIds: [] as string[],
      changeNote: 'Added the data sharing step',
      baseVersion: '0',
      ...overrides,
    });

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      lead = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      const [gateshead] = await t.db.insert(organisations).values({ workspaceId: ws.id, name: 'Gateshead Council', kind: 'local_authority' }).returning();
      await t.db.update(people).set({ organisationId: gateshead.id }).where(eq(people.id, lead.personId));
      asLead = new Agent(t.app);
      await asLead.signIn(lead.email, lead.password);
    });
    after(() => t.close());

    it('starts a guide, adds a section and a step, each a version with its change note', async () => {
      await admin.get(`${ws.base}/guides`);
      const blank = await admin.post(`${ws.base}/guides`, { title: '' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter a title/);
      const created = await admin.post(`${ws.base}/guides`, { title: 'Guide to setting up recruitment support hubs', summary: 'For councils forming a hub.' });
      assert.equal(created.statusCode, 302);
      base = String(created.headers.location);
      const again = await admin.post(`${ws.base}/guides`, { title: 'GUIDE TO SETTING UP RECRUITMENT SUPPORT HUBS' });
      assert.equal(again.statusCode, 409);
      assertPageHas(again.body, /There is already a guide with this title/);
      guideId = base.split('/').pop()!;
      await admin.get(base);
      const section = await admin.post(`${base}/sections`, { title: 'Before you start', changeNote: 'Added a section', baseVersion: '1' });
      assert.equal(section.statusCode, 302);
      const [v2] = await t.db.select().from(guideVersions).where(eq(guideVersions.number, 2));
      sectionKey = v2.content.sections[0].key;
      const noNote = await admin.post(`${base}/steps`, step({ changeNote: '', baseVersion: '2' }));
      assert.equal(noNote.statusCode, 400);
      assertPageHas(noNote.body, /Enter what you changed/);
      const added = await admin.post(`${base}/steps`, step({ baseVersion: '2' }));
      assert.equal(added.statusCode, 302);
      stepKey = /#step-([a-z0-9]+)$/.exec(String(added.headers.location))![1];
      assert.equal(await version(), 3);
      const page = await asLead.get(base);
      assertPageHas(page.body, /1\.1 Agree the data sharing agreement/);
      assertPageHas(page.body, /Sign before go-live/);
      // Members read guides; they do not write them.
      assertPageLacks(page.body, /Change this step/);
      await asLead.get(base);
      assert.equal((await asLead.post(`${base}/steps`, step({ baseVersion: '3' }))).statusCode, 403);
    });

    it('refuses a second editor’s save of the same step, but takes a change to another part', async () => {
      await admin.get(`${base}/steps/${stepKey}/edit`);
      const first = await admin.post(
        `${base}/steps/${stepKey}/edit`,
        step({ guidance: 'Sign it before go-live. Allow six weeks.', changeNote: 'Six weeks', baseVersion: '3' }),
      );
      assert.equal(first.statusCode, 302);
      const second = await admin.post(`${base}/steps/${stepKey}/edit`, step({ guidance: 'My own wording.', changeNote: 'Mine', baseVersion: '3' }));
      assert.equal(second.statusCode, 409);
      assertPageHas(second.body, /Someone else changed this step since you opened it/);
      assertPageHas(second.body, /My own wording\./);
      // Opened at version 3 too, but adding a new step touches nothing the other editor changed.
      const other = await admin.post(
        `${base}/steps`,
        step({ title: 'Name a hub lead', guidance: 'One person answers for the hub.', changeNote: 'Added the hub lead step', baseVersion: '3' }),
      );
      assert.equal(other.statusCode, 302);
      assert.equal(await version(), 5);
      assertPageHas((await admin.get(base)).body, /Allow six weeks/);
    });

    it('changes the guide’s title and purpose as a version, refusing a change over someone else’s', async () => {
      await admin.get(`${base}/edit`);
      const changed = await admin.post(`${base}/edit`, {
        title: 'Guide to setting up recruitment support hubs',
        summary: 'For councils forming a hub, and for their partners.',
        changeNote: 'Said who it is for',
        baseVersion: '5',
      });
      assert.equal(changed.statusCode, 302);
      assert.equal(await version(), 6);
      const stale = await admin.post(`${base}/edit`, { title: 'Hub guide', summary: 'Mine.', changeNote: 'Shorter', baseVersion: '5' });
      assert.equal(stale.statusCode, 409);
      assertPageHas(stale.body, /Someone else changed the guide’s title or purpose/);
      // Back as it was, so the versions below keep their numbers' meaning.
      await admin.post(`${base}/versions/5/restore`, { seenVersion: '6' });
    });

    it('shows the difference between two versions, and restores an old one keeping the newer in history', async () => {
      const history = await admin.get(`${base}/versions?from=3&to=4`);
      assertPageHas(history.body, /<del>[^<]*<\/del>/);
      assertPageHas(history.body, /<ins>[^<]*six weeks[^<]*<\/ins>|<ins>[^<]*Allow[^<]*<\/ins>/);
      const confirm = await admin.get(`${base}/versions/3/restore`);
      assertPageHas(confirm.body, /Version 4: Six weeks/);
      assertPageHas(confirm.body, /Version 5: Added the hub lead step/);
      assertPageHas(confirm.body, /Version 7: Restored version 5/);
      // Someone saved meanwhile: asked again, nothing restored.
      const stale = await admin.post(`${base}/versions/3/restore`, { seenVersion: '4' });
      assert.equal(stale.statusCode, 302);
      assert.equal(await version(), 7);
      const restored = await admin.post(`${base}/versions/3/restore`, { seenVersion: '7' });
      assert.equal(restored.statusCode, 302);
      assert.equal(await version(), 8);
      const page = await admin.get(base);
      assertPageLacks(page.body, /Allow six weeks/);
      assertPageLacks(page.body, /Name a hub lead/);
      const all = await t.db.select().from(guideVersions).where(eq(guideVersions.guideId, guideId));
      assert.equal(all.length, 8, 'versions 4 to 7 are still there');
      assert.equal(all.find((v) => v.number === 8)?.restoredFrom, 3);
    });

    it('lets a reader comment on a step and mark it done for their own site, which the facilitator sees', async () => {
      await asLead.get(base);
      const empty = await asLead.post(`${base}/steps/${stepKey}/comments`, { body: '' });
      assert.equal(empty.statusCode, 400);
      assertPageHas(empty.body, /Enter your comment/);
      await asLead.post(`${base}/steps/${stepKey}/comments`, { body: 'Our legal team wanted a DPIA first.' });
      await asLead.post(`${base}/steps/${stepKey}/done`, { done: 'yes' });
      assertPageHas((await asLead.get(base)).body, /Done for your site/);
      const facilitator = await admin.get(base);
      assertPageHas(facilitator.body, /Our legal team wanted a DPIA first\./);
      assertPageHas(facilitator.body, /Gateshead Council<\/td><td[^>]*>1 of 1/);
      // The administrator has no organisation: no site to mark it for.
      await admin.get(base);
      const noSite = await admin.post(`${base}/steps/${stepKey}/done`, { done: 'yes' });
      assert.equal(noSite.statusCode, 302);
    });

    it('publishes at a public address readable signed out, refusing private lessons, and takes it down', async () => {
      const [privateLesson] = await t.db
        .insert(lessons)
        .values({ workspaceId: ws.id, title: 'What our invite-only community learned', whatHappened: 'x', status: 'published' })
        .returning();
      await t.db.insert(lessonSources).values({
        workspaceId: ws.id,
        lessonId: privateLesson.id,
        kind: 'thread',
        sourceId: privateLesson.id,
        label: 'A thread',
        path: '/x',
        restricted: true,
      });
      await admin.get(`${base}/steps/${stepKey}/edit`);
      await admin.post(`${base}/steps/${stepKey}/edit`, step({ lessonIds: [privateLesson.id], changeNote: 'Linked a lesson', baseVersion: '8' }));
      const check = await admin.get(`${base}/publish`);
      assertPageHas(check.body, /It cannot be published yet/);
      assertPageHas(check.body, /drawn from private records/);
      await admin.post(`${base}/publish`, { action: 'publish', seenVersion: '9' });
      const [guide] = await t.db.select().from(guides).where(eq(guides.id, guideId));
      assert.equal(guide.publishedVersion, null);
      const signedOut = new Agent(t.app);
      const publicPath = `/public/${ws.base.split('/').pop()}/guides/${guide.slug}`;
      assert.equal((await signedOut.get(publicPath)).statusCode, 404, 'an unpublished guide is not there');

      await admin.get(`${base}/steps/${stepKey}/edit`);
      await admin.post(`${base}/steps/${stepKey}/edit`, step({ changeNote: 'Unlinked the private lesson', baseVersion: '9' }));
      await admin.get(`${base}/publish`);
      assert.equal((await admin.post(`${base}/publish`, { action: 'publish', seenVersion: '10' })).statusCode, 302);
      const open = await signedOut.get(publicPath);
      assert.equal(open.statusCode, 200);
      assertPageHas(open.body, /Guide to setting up recruitment support hubs/);
      assertPageHas(open.body, /version 10/);
      assertPageLacks(open.body, /DPIA/, 'comments stay inside');
      assert.equal((await signedOut.get(`/public/${ws.base.split('/').pop()}/guides/no-such-guide`)).statusCode, 404);
      await admin.get(`${base}/publish`);
      await admin.post(`${base}/publish`, { action: 'unpublish' });
      assert.equal((await signedOut.get(publicPath)).statusCode, 404);
      await asLead.get(`${base}/publish`);
      assert.equal((await asLead.post(`${base}/publish`, { action: 'publish', seenVersion: '10' })).statusCode, 403);
    });

    it('offers the closest guide step beside text being written', async () => {
      const matches = await asLead.get(
        `${ws.base}/lessons/matches?text=${encodeURIComponent('We still have no data sharing agreement signed before go-live')}`,
      );
      assertPageHas(matches.body, /Guide step: <a class="govuk-link" href="[^"]+#step-[a-z0-9]+">Agree the data sharing agreement<\/a>/);
      const unrelated = await asLead.get(`${ws.base}/lessons/matches?text=${encodeURIComponent('The weather was very pleasant on the coast')}`);
      assertPageLacks(unrelated.body, /Guide step/);
    });

    it('exports the guide as Markdown and Word, and finds it in the one search box', async () => {
      const markdown = await asLead.get(`${base}/guide.md`);
      assert.match(String(markdown.headers['content-type']), /^text\/markdown/);
      assert.match(markdown.body, /^# Guide to setting up recruitment support hubs/);
      assert.match(markdown.body, /### 1\.1 Agree the data sharing agreement/);
      assert.match(markdown.body, /- \[ \] Sign before go-live/);
      const word = await asLead.get(`${base}/guide.docx`);
      assert.equal(word.statusCode, 200);
      assert.equal(word.rawPayload.subarray(0, 2).toString(), 'PK');
      const search = await asLead.get(`${ws.base}/search?q=${encodeURIComponent('recruitment support hubs guide')}`);
      assertPageHas(search.body, /Guide to setting up recruitment support hubs/);
    });
  });
}
