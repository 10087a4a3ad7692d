import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';

/** The names in the finder's results, in order. */
const namesIn = (body: string) => [...body.matchAll(/class="govuk-link govuk-!-font-weight-bold" href="[^"]+\/people\/[^"]+">([^<]+)</g)].map((m) => m[1]);

for (const backend of testBackends()) {
  describe(`who knows about… (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let asker: TestUser;
    let answerer: TestUser;
    let asAsker: Agent;
    let asAnswerer: Agent;
    let outsider: Agent;
    let profileOnlyId: string;
    let speakerId: string;
    let universityId: string;

    const signedIn = async (user: TestUser) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return agent;
    };
    const idFrom = (location: unknown) => String(location).split('/').filter(Boolean).at(-1)!.split('?')[0];

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      asker = await addMember(t.db, ws.id, 'member', 'David Kowalski');
      answerer = await addMember(t.db, ws.id, 'member', 'Sameera Hussain');
      asAsker = await signedIn(asker);
      asAnswerer = await signedIn(answerer);
      outsider = await signedIn(await addMember(t.db, ws.id, 'member', 'Rob Kaur'));

      // A university, and people whose profiles say what they know.
      await admin.get(`${ws.base}/organisations/new`);
      universityId = idFrom((await admin.post(`${ws.base}/organisations`, { name: 'University of Leeds', kind: 'university' })).headers.location);
      await admin.get(`${ws.base}/people/new`);
      const profileOnly = await admin.post(`${ws.base}/people`, {
        fullName: 'Professor Helen Adeyemi',
        jobTitle: 'Professor of housing policy',
        bio: 'Twenty years on social housing allocations and priority bands for foster carers.',
        organisationId: universityId,
        contactPreference: 'email',
        openToContact: 'yes',
      });
      assert.equal(profileOnly.statusCode, 302, profileOnly.body);
      profileOnlyId = idFrom(profileOnly.headers.location);
      speakerId = idFrom(
        (
          await admin.post(`${ws.base}/people`, {
            fullName: 'Tunde Bakare',
            jobTitle: 'Hub lead',
            bio: 'Runs the radio campaign.',
            contactPreference: 'email',
            openToContact: 'yes',
            perspective: 'lived_experience',
          })
        ).headers.location,
      );

      // A session on housing, given by Tunde.
      const programme = await admin.post(`${ws.base}/programmes`, { name: 'Hubs', kind: 'cohort_learning', startsOn: '2026-01-05', endsOn: '2026-12-20' });
      const programmeBase = String(programme.headers.location).replace(/\/cohort$/, '');
      await admin.get(`${programmeBase}/sessions/new`);
      const session = await admin.post(`${programmeBase}/sessions`, {
        kind: 'masterclass',
        title: 'Housing and fostering: getting a priority band',
        date: '2026-03-04',
        startTime: '10:00',
        endTime: '12:00',
        speakerIds: [speakerId],
      });
      assert.equal(session.statusCode, 302, session.body);

      // An invite-only community where Sameera's answer on housing helped.
      await admin.get(`${ws.base}/communities`);
      const community = idFrom((await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'invite_only' })).headers.location);
      await admin.post(`${ws.base}/communities/${community}/members`, { personIds: [asker.personId, answerer.personId] });
      await asAsker.get(`${ws.base}/communities/${community}`);
      const thread = String(
        (
          await asAsker.post(`${ws.base}/communities/${community}/threads`, {
            kind: 'challenge',
            title: 'Carers asking about housing',
            body: 'Has anyone got the housing team to give foster carers priority?',
          })
        ).headers.location,
      );
      await asAnswerer.get(thread);
      await asAnswerer.post(`${thread}/replies`, { body: 'Bradford agreed a housing priority band: start at the housing board.' });
      const postId = /id="post-([0-9a-f-]{36})"/.exec((await asAsker.get(thread)).body)![1];
      assert.equal((await asAsker.post(`${thread}/posts/${postId}/helpful`, { helpful: 'yes' })).statusCode, 302);
    });
    after(() => t.close());

    it('ranks people by their profile and by what they did, and says why', async () => {
      // As the facilitator, who sees every community and programme.
      const page = await admin.get(`${ws.base}/expertise?q=${encodeURIComponent('housing priority for foster carers')}`);
      assert.equal(page.statusCode, 200);
      const names = namesIn(page.body);
      assert.ok(names.includes('Professor Helen Adeyemi'), names.join());
      assert.ok(names.includes('Sameera Hussain'), names.join());
      assert.ok(names.includes('Tunde Bakare'), names.join());
      assertPageHas(page.body, /their profile matches/);
      assertPageHas(page.body, /answered 1 challenge about “housing priority for foster carers”, marked as helping/);
      assertPageHas(page.body, /spoke at 1 session about/);
      assertPageHas(page.body, /Research/, 'the professor’s perspective, from the university');
    });

    it('never counts what the asker cannot see: an invite-only community’s answers, or a programme they are not in', async () => {
      const page = await outsider.get(`${ws.base}/expertise?q=${encodeURIComponent('housing priority for foster carers')}`);
      const names = namesIn(page.body);
      assert.ok(!names.includes('Sameera Hussain'), 'her answer is in a community Rob is not in');
      assert.ok(!names.includes('Tunde Bakare'), 'his session is in a programme Rob is not part of');
      assert.ok(names.includes('Professor Helen Adeyemi'));
      assertPageLacks(page.body, /answered 1 challenge/);
    });

    it('filters by perspective, organisation and openness to contact, and says plainly when nobody is found', async () => {
      const researchers = await admin.get(`${ws.base}/expertise?q=housing&perspective=academic`);
      assert.deepEqual(namesIn(researchers.body), ['Professor Helen Adeyemi']);
      const lived = await admin.get(`${ws.base}/expertise?q=housing&perspective=lived_experience`);
      assert.deepEqual(namesIn(lived.body), ['Tunde Bakare']);
      const fromLeeds = await admin.get(`${ws.base}/expertise?q=housing&organisation=${universityId}`);
      assert.deepEqual(namesIn(fromLeeds.body), ['Professor Helen Adeyemi']);
      const nobody = await admin.get(`${ws.base}/expertise?q=${encodeURIComponent('quantum chromodynamics')}`);
      assertPageHas(nobody.body, /Nobody found for “quantum chromodynamics”/);
      // Filters it does not know are ignored rather than failing the page.
      assert.equal((await admin.get(`${ws.base}/expertise?q=housing&perspective=astronaut&region=Mars`)).statusCode, 200);
      assert.equal((await admin.get(`${ws.base}/expertise?q=${'x'.repeat(5000)}`)).statusCode, 200);
    });

    it('keeps the index in step with profiles: an edit is found at once, a deleted person is gone', async () => {
      await admin.get(`${ws.base}/people/${profileOnlyId}/edit`);
      const edited = await admin.post(`${ws.base}/people/${profileOnlyId}/edit`, {
        fullName: 'Professor Helen Adeyemi',
        jobTitle: 'Professor of early language',
        bio: 'Vocabulary at two.',
        organisationId: universityId,
        contactPreference: 'email',
        openToContact: 'yes',
      });
      assert.equal(edited.statusCode, 302);
      assert.ok(!namesIn((await admin.get(`${ws.base}/expertise?q=allocations`)).body).includes('Professor Helen Adeyemi'));
      assert.ok(namesIn((await admin.get(`${ws.base}/expertise?q=vocabulary`)).body).includes('Professor Helen Adeyemi'));
      await admin.post(`${ws.base}/people/${profileOnlyId}/delete`);
      assert.ok(!namesIn((await admin.get(`${ws.base}/expertise?q=vocabulary`)).body).includes('Professor Helen Adeyemi'));
    });
  });
}
