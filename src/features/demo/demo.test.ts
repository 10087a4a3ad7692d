import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { startExampleTest } from '../../../test/support/workspace-test.ts';
import { cohortMembers, intakeResponses, programmeChanges, programmeSessions, programmes, sessionFeedback, changeFeedback } from '../programmes/tables.ts';
import { people } from '../people/tables.ts';
import { impactExamples, surveyResponses, surveys } from '../evaluation/tables.ts';
import { communityEvents, eventRegistrations } from '../communities/events/tables.ts';
import { lessonSources, lessons } from '../lessons/tables.ts';
import { guideVersions, guides } from '../guides/tables.ts';
import { handovers } from '../handover/tables.ts';

for (const backend of testBackends()) {
  describe(`the example workspace’s Mobilise pilot (${backend})`, () => {
    let t: TestApp;
    let admin: Agent;
    let base: string;

    before(async () => {
      let home: string;
      ({ t, admin, home } = await startExampleTest(backend));
      const [programme] = await t.db.select().from(programmes).where(eq(programmes.name, 'Mobilise pilot'));
      base = `${home}/programmes/${programme.id}`;
    });
    after(() => t.close());

    it('holds the pilot from the product brief', async () => {
      const [programme] = await t.db.select().from(programmes).where(eq(programmes.name, 'Mobilise pilot'));
      const countOf = async (
        table: typeof cohortMembers | typeof programmeSessions | typeof intakeResponses | typeof programmeChanges,
        extra?: ReturnType<typeof eq>,
      ) =>
        (
          await t.db
            .select({ n: count() })
            .from(table)
            .where(extra ? and(eq(table.programmeId, programme.id), extra) : eq(table.programmeId, programme.id))
        )[0].n;
      assert.equal(await countOf(cohortMembers, eq(cohortMembers.role, 'participant')), 15);
      assert.equal(await countOf(programmeSessions), 14);
      assert.equal(await countOf(programmeSessions, eq(programmeSessions.kind, 'field_visit')), 3);
      assert.equal(await countOf(intakeResponses), 15);
      assert.ok((await countOf(programmeChanges)) >= 6, 'at least six changes in “you said, we did”');
      assert.ok((await t.db.select({ n: count() }).from(sessionFeedback))[0].n >= 30, 'feedback on the sessions held');
      assert.ok((await t.db.select({ n: count() }).from(changeFeedback))[0].n >= 6, 'changes linked to the feedback behind them');
      const submitted = await t.db
        .select({ wave: surveys.wave, n: count() })
        .from(surveyResponses)
        .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
        .groupBy(surveys.wave);
      assert.deepEqual(Object.fromEntries(submitted.map((row) => [row.wave, row.n])), { baseline: 15, final: 15 });
      assert.equal((await t.db.select({ n: count() }).from(impactExamples).where(eq(impactExamples.programmeId, programme.id)))[0].n, 20);
    });

    it('holds two past webinars with notes shared as threads, and a full peer session with a waiting list', async () => {
      const events = await t.db.select().from(communityEvents);
      const past = events.filter((e) => e.endsAt < new Date());
      assert.equal(past.length, 2);
      assert.ok(past.every((e) => e.notes && e.recordingLink && e.notesThreadId));
      const [peer] = events.filter((e) => e.title.startsWith('Peer session'));
      const places = await t.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, peer.id));
      assert.equal(places.filter((p) => p.status === 'registered').length, peer.capacity);
      assert.equal(places.filter((p) => p.status === 'waiting').length, 2);
      const page = await admin.get(`${base.split('/programmes/')[0]}/communities/${peer.communityId}/events/${peer.id}`);
      assert.match(page.body, /6 people going of 6 places · full · 2 on the waiting list/);
    });

    it('holds the Regional Adoption Agencies’ forty lessons with their provenance, offered to the fostering hubs', async () => {
      const [raa] = await t.db.select().from(programmes).where(eq(programmes.name, 'Regional Adoption Agencies: leaders’ programme'));
      const all = await t.db.select().from(lessons).where(eq(lessons.programmeId, raa.id));
      assert.equal(all.length, 40);
      const sources = await t.db.select().from(lessonSources);
      assert.ok(
        all.every((lesson) => sources.some((s) => s.lessonId === lesson.id)),
        'every lesson says where it came from',
      );
      const [hubs] = await t.db.select().from(programmes).where(eq(programmes.name, 'Fostering Recruitment Support Hubs'));
      const page = await admin.get(`${base.split('/programmes/')[0]}/programmes/${hubs.id}/lessons`);
      assert.match(page.body, /Regional Adoption Agencies: leaders’ programme/);
      assert.match(page.body, /Because it mentions|Because it shares/);
    });

    it('holds the guide to setting up recruitment support hubs in three versions, with councils working through it', async () => {
      const [guide] = await t.db.select().from(guides).where(eq(guides.title, 'Guide to setting up recruitment support hubs'));
      assert.equal((await t.db.select().from(guideVersions).where(eq(guideVersions.guideId, guide.id))).length, 3);
      const page = await admin.get(`${base.split('/programmes/')[0]}/guides/${guide.id}`);
      assert.match(page.body, /Call every enquirer back/);
      assert.match(page.body, /Gateshead Council<\/td><td[^>]*>4 of 5/);
    });

    it('holds a hub lead’s handover pack, ready to pass on', async () => {
      const [handover] = await t.db.select().from(handovers);
      const page = await admin.get(`${base.split('/programmes/')[0]}/handovers/${handover.id}`);
      assert.match(page.body, /Louise Hargreaves/);
      assert.match(page.body, /Fostering Recruitment Support Hubs/);
      assert.match(page.body, /Pass it to the successor/);
    });

    it('gives every person in the example a name of their own', async () => {
      const everyone = await t.db.select({ name: people.fullName }).from(people);
      const repeated = everyone.map((p) => p.name).filter((name, i, all) => all.indexOf(name) !== i);
      assert.ok(everyone.length > 90);
      assert.deepEqual(repeated, []);
    });

    it('holds a few hundred evidence items, reading lists and a gap map worth looking at', async () => {
      const library = await admin.get(`${base.split('/programmes/')[0]}/evidence`);
      const total = Number(/([\d,]+) items, showing/.exec(library.body)?.[1].replace(',', ''));
      assert.ok(total >= 250, `expected a few hundred items, found ${total}`);
      assert.match((await admin.get(`${base.split('/programmes/')[0]}/evidence/lists`)).body, /Essential reading: early language/);
      const map = await admin.get(`${base.split('/programmes/')[0]}/evidence/gap-map`);
      assert.match(map.body, /gaps<\/strong>/);
    });

    it('shows every programme page with the example data', async () => {
      const pages: Array<[string, RegExp]> = [
        ['', /Mobilise pilot[\s\S]*Timeline/],
        ['/cohort', /Participants \(15\)/],
        ['/sessions', /Field visit: Sunrise Family Hub, Salford/],
        ['/calendar', /Sessions in/],
        ['/needs', /Early language: what works and for whom/],
        ['/feedback', /average usefulness/],
        ['/changes', /Every masterclass now ends with 30 minutes for questions/],
        ['/challenges', /Keeping parents in our parenting programme until the end/],
        ['/requests', /median time to first response/],
        ['/evaluation', /Mobilise final survey/],
        ['/evaluation/analysis', /paired for the people who answered both/],
        ['/evaluation/impact', /examples \(15 verified\)/],
        ['/evaluation/report', /Transferable lessons/],
      ];
      for (const [path, expected] of pages) {
        const page = await admin.get(`${base}${path}`);
        assert.equal(page.statusCode, 200, `${path} answered ${page.statusCode}`);
        assert.match(page.body, expected, path);
      }
    });
  });
}
