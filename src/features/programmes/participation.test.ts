import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { importEvidenceItems } from '../evidence/import-evidence.ts';
import { supportRequests } from './support-tables.ts';

for (const backend of testBackends()) {
  describe(`action learning, support requests and the participant’s home (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let participant: TestUser;
    let other: TestUser;
    let asParticipant: Agent;
    let asOther: Agent;
    let base: string;
    let setId: string;
    let evidenceId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      participant = await addMember(t.db, ws.id, 'member', 'Grace Adeyemi');
      other = await addMember(t.db, ws.id, 'member', 'Hamish Doyle');
      [evidenceId] = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'evaluation_report', title: 'Evaluation of the Family Hubs transformation fund', year: 2024 },
      ]);
      await admin.get(`${ws.base}/programmes/new`);
      const created = await admin.post(`${ws.base}/programmes`, { name: 'Mobilise', kind: 'cohort_learning', startsOn: '2025-01-01', endsOn: '2030-12-31' });
      base = String(created.headers.location).replace(/\/cohort$/, '');
      for (const person of [participant, other]) await admin.post(`${base}/cohort`, { personId: person.personId, role: 'participant' });
      const set = await admin.post(`${base}/sessions`, {
        kind: 'action_learning_set',
        title: 'Action learning set 1',
        date: '2025-02-03',
        startTime: '14:00',
        endTime: '16:00',
      });
      setId = String(set.headers.location).split('/').at(-1)!;
      const upcoming = await admin.post(`${base}/sessions`, {
        kind: 'masterclass',
        title: 'Family hubs: what the evaluation found',
        date: '2030-06-03',
        startTime: '10:00',
        endTime: '12:00',
      });
      const upcomingId = String(upcoming.headers.location).split('/').at(-1)!;
      await admin.get(`${base}/sessions/${upcomingId}`);
      await admin.post(`${base}/sessions/${upcomingId}/readings`, { evidenceItemId: evidenceId });
      asParticipant = new Agent(t.app);
      await asParticipant.signIn(participant.email, participant.password);
      asOther = new Agent(t.app);
      await asOther.signIn(other.email, other.password);
    });
    after(() => t.close());

    it('keeps each participant’s challenge and action log, with the evidence they used', async () => {
      await asParticipant.get(`${base}/challenge`);
      const noChallenge = await asParticipant.post(`${base}/challenge/entries`, { kind: 'action', text: 'Meet the commissioning team' });
      assert.equal(noChallenge.statusCode, 400);
      assert.match(noChallenge.body, /Write your policy challenge first/);
      const emptyChallenge = await asParticipant.post(`${base}/challenge`, { title: '' });
      assert.match(emptyChallenge.body, /Enter your challenge in a sentence/);
      assert.equal((await asParticipant.post(`${base}/challenge`, { title: 'Getting family hubs used by fathers', description: '' })).statusCode, 302);
      const badDue = await asParticipant.post(`${base}/challenge/entries`, { kind: 'action', text: 'Meet the team', dueOn: '31/02/2026' });
      assert.match(badDue.body, /Enter the due date as a real date/);
      const foreignItem = await asParticipant.post(`${base}/challenge/entries`, {
        kind: 'action',
        text: 'Read it',
        evidenceItemId: '00000000-0000-4000-8000-000000000000',
      });
      assert.match(foreignItem.body, /Choose an item from the list/);
      const page = await asParticipant.get(`${base}/challenge`);
      assert.match(page.body, /Evaluation of the Family Hubs transformation fund/, 'the programme’s reading is offered');
      assert.equal(
        (
          await asParticipant.post(`${base}/challenge/entries`, {
            kind: 'action',
            text: 'Brief the director on the hubs evaluation',
            evidenceItemId: evidenceId,
            dueOn: '2030-07-01',
          })
        ).statusCode,
        302,
      );
      await asParticipant.post(`${base}/challenge/entries`, {
        kind: 'reflection',
        text: 'Fathers rarely see the hubs as for them',
        evidenceUsed: 'Dads’ focus group in Rotherham',
      });
      const log = await asParticipant.get(`${base}/challenge`);
      assert.match(log.body, /Brief the director on the hubs evaluation/);
      assert.match(log.body, /Dads’ focus group in Rotherham/);
      const entryId = /challenge\/entries\/([0-9a-f-]{36})\/done/.exec(log.body)![1];
      assert.equal((await asParticipant.post(`${base}/challenge/entries/${entryId}/done`, { done: 'yes' })).statusCode, 302);
      assert.match((await asParticipant.get(`${base}/challenge`)).body, /Mark as not done/);
      await asOther.get(`${base}/challenge`);
      assert.equal((await asOther.post(`${base}/challenge/entries/${entryId}/done`, { done: 'yes' })).statusCode, 404, 'not their action');
      assert.equal((await asOther.get(`${base}/challenges/${participant.personId}`)).statusCode, 403, 'peers do not read each other’s logs');
      const overview = await admin.get(`${base}/challenges`);
      assert.match(overview.body, /Getting family hubs used by fathers/);
      assert.match(overview.body, /1 of 1/);
      assert.match((await admin.get(`${base}/challenges/${participant.personId}`)).body, /Fathers rarely see the hubs/);
    });

    it('records who presented at an action learning set and what was agreed', async () => {
      await admin.get(`${base}/sessions/${setId}`);
      const notInCohort = await admin.post(`${base}/sessions/${setId}/presentations`, { personId: ws.admin.personId, agreed: 'x' });
      assert.equal(notInCohort.statusCode, 302);
      assert.match((await admin.get(`${base}/sessions/${setId}`)).body, /Select a participant in this cohort/);
      await admin.post(`${base}/sessions/${setId}/presentations`, {
        personId: participant.personId,
        agreed: 'Test a dads’ session at the Saturday stay-and-play',
      });
      await admin.get(`${base}/sessions/${setId}`);
      await admin.post(`${base}/sessions/${setId}/presentations`, { personId: participant.personId, agreed: 'again' });
      assert.match((await admin.get(`${base}/sessions/${setId}`)).body, /already recorded/);
      assert.match((await asParticipant.get(`${base}/challenge`)).body, /Test a dads’ session at the Saturday stay-and-play/);
    });

    it('tracks support requests from asking to resolution, with response times', async () => {
      await asParticipant.get(`${base}/requests`);
      const bad = await asParticipant.post(`${base}/requests`, { kind: 'favour', subject: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Select what kind of help you need/);
      assert.match(bad.body, /Enter what you need help with/);
      assert.equal(
        (await asParticipant.post(`${base}/requests`, { kind: 'introduction', subject: 'An academic who knows about fathers and early help' })).statusCode,
        302,
      );
      await asOther.get(`${base}/requests`);
      await asOther.post(`${base}/requests`, { kind: 'question', subject: 'Hamish’s private question' });
      assert.doesNotMatch((await asParticipant.get(`${base}/requests`)).body, /Hamish’s private question/, 'participants see only their own requests');
      const [request] = await t.db.select().from(supportRequests).where(eq(supportRequests.subject, 'An academic who knows about fathers and early help'));
      await admin.get(`${base}/requests`);
      const noResponse = await admin.post(`${base}/requests/${request.id}`, { status: 'resolved', assignedToPersonId: ws.admin.personId, response: '' });
      assert.equal(noResponse.statusCode, 400);
      assert.match(noResponse.body, /Write the response before marking the request resolved/);
      const wrongPerson = await admin.post(`${base}/requests/${request.id}`, { status: 'in_progress', assignedToPersonId: participant.personId });
      assert.match(wrongPerson.body, /Assign the request to one of the programme’s facilitators/);
      await admin.post(`${base}/requests/${request.id}`, {
        status: 'resolved',
        assignedToPersonId: ws.admin.personId,
        response: 'Introduced you to Dr Sam Bright at Lancaster.',
      });
      const [saved] = await t.db.select().from(supportRequests).where(eq(supportRequests.id, request.id));
      assert.equal(saved.status, 'resolved');
      assert.ok(saved.firstResponseAt && saved.resolvedAt);
      const list = await admin.get(`${base}/requests`);
      assert.match(list.body, /median time to first response/);
      assert.match(list.body, /under an hour/);
      assert.match((await asParticipant.get(`${base}/requests`)).body, /Introduced you to Dr Sam Bright/);
      assert.equal((await asParticipant.post(`${base}/requests/${request.id}`, { status: 'open' })).statusCode, 403);
    });

    it('gives a participant a home page with their sessions, reading, actions, requests and feedback due', async () => {
      await admin.get(`${base}/sessions/${setId}`);
      await admin.post(`${base}/sessions/${setId}/attendance`, { [`attendance-${participant.personId}`]: 'attended' });
      await asOther.post(`${base}/requests`, { kind: 'question', subject: 'Still open question' });
      const home = await asParticipant.get(ws.base);
      assert.match(home.body, /Your learning/);
      assert.match(home.body, /Family hubs: what the evaluation found/);
      assert.match(home.body, /Give feedback on “Action learning set 1”/);
      assert.match(home.body, /Action learning set 1/);
      const otherHome = await asOther.get(ws.base);
      assert.match(otherHome.body, /Tell the team what you need to learn/);
      assert.match(otherHome.body, /Still open question/);
    });
  });
}
