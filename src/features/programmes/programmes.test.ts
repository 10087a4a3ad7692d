import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { people } from '../people/tables.ts';
import { importEvidenceItems } from '../evidence/import-evidence.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { auditEvents } from '../../core/db/tables.ts';
import { attendance, needs, needStatements, programmes, programmeSessions, sessionFeedback } from './tables.ts';

const idFrom = (location: unknown) => String(location).split('/').filter(Boolean).at(-1)!.split('#')[0];

for (const backend of testBackends()) {
  describe(`cohort programmes (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let participant: TestUser;
    let second: TestUser;
    let outsider: TestUser;
    let asParticipant: Agent;
    let asSecond: Agent;
    let asOutsider: Agent;
    let programmeBase: string;
    let pastSessionId: string;
    let futureSessionId: string;
    let expertId: string;
    let foreignPersonId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      participant = await addMember(t.db, ws.id, 'member', 'Priya Natarajan');
      second = await addMember(t.db, ws.id, 'member', 'Tom Hargreaves');
      outsider = await addMember(t.db, ws.id, 'member', 'Olive Outside');
      [{ id: expertId }] = await t.db
        .insert(people)
        .values({
          workspaceId: ws.id,
          fullName: 'Dr Amara Okafor',
          jobTitle: 'Reader in speech and language development',
          bio: 'Early language, speech delays and toddler talk',
        })
        .returning();
      const other = await createTestWorkspace(t.db);
      [{ id: foreignPersonId }] = await t.db.insert(people).values({ workspaceId: other.id, fullName: 'Someone Else' }).returning();
      await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        {
          sourceType: 'systematic_review',
          title: 'Early language interventions for toddlers with speech delay: a systematic review',
          year: 2022,
          abstract: 'Early language and speech delay interventions',
        },
      ]);
      asParticipant = new Agent(t.app);
      await asParticipant.signIn(participant.email, participant.password);
      asSecond = new Agent(t.app);
      await asSecond.signIn(second.email, second.password);
      asOutsider = new Agent(t.app);
      await asOutsider.signIn(outsider.email, outsider.password);
    });
    after(() => t.close());

    it('starts a programme, refusing bad dates and missing names with clear messages', async () => {
      await admin.get(`${ws.base}/programmes/new`);
      const bad = await admin.post(`${ws.base}/programmes`, { name: '', kind: 'cohort_learning', startsOn: '2026-09-01', endsOn: '2026-03-01' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the programme’s name/);
      assert.match(bad.body, /The end date must be on or after the start date/);
      const notADate = await admin.post(`${ws.base}/programmes`, { name: 'X', kind: 'cohort_learning', startsOn: '2026-02-30', endsOn: 'soon' });
      assert.match(notADate.body, /Enter the start date as a real date/);
      assert.match(notADate.body, /Enter the end date as a real date/);
      const created = await admin.post(`${ws.base}/programmes`, {
        name: 'Mobilise pilot',
        kind: 'cohort_learning',
        startsOn: '2025-01-06',
        endsOn: '2027-06-30',
        summary: 'Six months of evidence and policy for early childhood',
      });
      assert.equal(created.statusCode, 302);
      programmeBase = String(created.headers.location).replace(/\/cohort$/, '');
      const duplicate = await admin.post(`${ws.base}/programmes`, {
        name: 'MOBILISE PILOT',
        kind: 'cohort_learning',
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      });
      assert.match(duplicate.body, /already a programme with that name/);
    });

    it('builds the cohort, refusing someone added twice and people from another workspace', async () => {
      await admin.get(`${programmeBase}/cohort`);
      for (const person of [participant, second]) {
        const added = await admin.post(`${programmeBase}/cohort`, { personId: person.personId, role: 'participant' });
        assert.equal(added.statusCode, 302);
      }
      const twice = await admin.post(`${programmeBase}/cohort`, { personId: participant.personId, role: 'facilitator' });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /Priya Natarajan is already in this cohort as a participant/);
      const foreign = await admin.post(`${programmeBase}/cohort`, { personId: foreignPersonId, role: 'participant' });
      assert.match(foreign.body, /Select a person from the list/);
      const page = await admin.get(`${programmeBase}/cohort`);
      assert.match(page.body, /Participants \(2\)/);
      assert.match(page.body, /Facilitators \(1\)/, 'whoever starts a programme helps run it');
    });

    it('shows the programme to its cohort only, with a clear refusal for anyone else', async () => {
      const refused = await asOutsider.get(programmeBase);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Only the people in this programme’s cohort/);
      assert.doesNotMatch((await asOutsider.get(`${ws.base}/programmes`)).body, /Mobilise pilot/);
      assert.equal((await asOutsider.get(`${programmeBase}/sessions`)).statusCode, 403);
      const mine = await asParticipant.get(`${ws.base}/programmes`);
      assert.match(mine.body, /Mobilise pilot/);
      assert.equal((await asParticipant.get(programmeBase)).statusCode, 200);
      assert.equal((await asParticipant.get(`${programmeBase}/needs`)).statusCode, 403, 'participants do not see the board');
      assert.equal((await asParticipant.post(`${programmeBase}/cohort`, { personId: outsider.personId, role: 'participant' })).statusCode, 403);
    });

    it('takes each participant’s intake and suggests grouping similar needs', async () => {
      await asOutsider.get(`${ws.base}/programmes`);
      assert.equal((await asOutsider.post(`${programmeBase}/intake`, { roleDescription: 'x', policyChallenge: 'y', wantToLearn: 'z' })).statusCode, 403);
      await asParticipant.get(`${programmeBase}/intake`);
      const empty = await asParticipant.post(`${programmeBase}/intake`, { roleDescription: '', policyChallenge: '', wantToLearn: '\n \n' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter your role/);
      assert.match(empty.body, /Enter at least one thing you want to learn/);
      const answered = await asParticipant.post(`${programmeBase}/intake`, {
        roleDescription: 'Policy adviser, early years',
        policyChallenge: 'Improving take-up of funded childcare for two-year-olds',
        wantToLearn: '- Early language development and speech delay in toddlers\n- How to commission family hubs',
        learningPreferences: ['visits', 'discussion'],
      });
      assert.equal(answered.statusCode, 302);
      await asSecond.get(`${programmeBase}/intake`);
      await asSecond.post(`${programmeBase}/intake`, {
        roleDescription: 'Head of early help, Barnsley',
        policyChallenge: 'Joining up health visiting and family hubs',
        wantToLearn: 'Speech and language delay in toddlers: what works\nUsing data from health visiting',
      });
      const board = await admin.get(`${programmeBase}/needs`);
      assert.equal(board.statusCode, 200);
      assert.match(board.body, /2 of 2 participants have answered/);
      assert.match(board.body, /Suggested group of 2 statements/);
      const statements = await t.db.select().from(needStatements).where(eq(needStatements.workspaceId, ws.id));
      assert.equal(statements.length, 4);
      const speech = statements.filter((s) => /speech/i.test(s.text)).map((s) => s.id);
      const none = await admin.post(`${programmeBase}/needs`, { title: 'Nothing', statementIds: [] });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Select at least one of the participants’ statements/);
      const grouped = await admin.post(`${programmeBase}/needs`, { title: 'Speech and language delay', statementIds: speech });
      assert.equal(grouped.statusCode, 302);
      const after = await admin.get(`${programmeBase}/needs`);
      assert.match(after.body, /Speech and language delay/);
      assert.match(after.body, /2 participants/);
      assert.match(after.body, /Early language interventions for toddlers/, 'matching evidence');
      assert.match(after.body, /Dr Amara Okafor/, 'matching expert');
      assert.match(after.body, /Open/);
      assert.match(after.body, /1 need has no session planned yet/);
      assert.match(after.body, /Not planned yet/);
    });

    it('plans sessions inside the programme against a need, and refuses times and people that do not fit', async () => {
      const needId = /id="need-([0-9a-f-]{36})"/.exec((await admin.get(`${programmeBase}/needs`)).body)![1];
      await admin.get(`${programmeBase}/sessions/new?need=${needId}`);
      const base = {
        kind: 'masterclass',
        title: 'Talking with toddlers',
        date: '2025-03-04',
        startTime: '10:00',
        endTime: '12:30',
        place: 'Sure Start Centre, Barnsley',
      };
      const outside = await admin.post(`${programmeBase}/sessions`, { ...base, date: '2028-01-01' });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.body, /The date must be within the programme/);
      const backwards = await admin.post(`${programmeBase}/sessions`, { ...base, startTime: '14:00', endTime: '13:00' });
      assert.match(backwards.body, /The end time must be after the start time/);
      const badTime = await admin.post(`${programmeBase}/sessions`, { ...base, startTime: '25:00' });
      assert.match(badTime.body, /Enter the start time as a 24-hour time/);
      const foreignSpeaker = await admin.post(`${programmeBase}/sessions`, { ...base, speakerIds: [foreignPersonId] });
      assert.match(foreignSpeaker.body, /Select speakers from the list/);
      const past = await admin.post(`${programmeBase}/sessions`, { ...base, speakerIds: [expertId], needIds: [needId] });
      assert.equal(past.statusCode, 302);
      pastSessionId = idFrom(past.headers.location);
      const future = await admin.post(`${programmeBase}/sessions`, {
        ...base,
        kind: 'field_visit',
        title: 'Visit to Kendray Family Hub',
        date: '2027-05-12',
        address: 'Kendray Family Hub, Barnsley S70 3HX',
        safeguardingNotes: 'No photographs of children',
        reflectionPrompt: 'What surprised you about how families arrive?',
      });
      futureSessionId = idFrom(future.headers.location);
      const [stored] = await t.db.select().from(programmeSessions).where(eq(programmeSessions.id, pastSessionId));
      assert.equal(stored.startsAt.toISOString(), '2025-03-04T10:00:00.000Z', 'London winter time');
      const [summer] = await t.db.select().from(programmeSessions).where(eq(programmeSessions.id, futureSessionId));
      assert.equal(summer.startsAt.toISOString(), '2027-05-12T09:00:00.000Z', 'London summer time');
      const board = await admin.get(`${programmeBase}/needs`);
      assert.match(board.body, /Planned/);
      assert.match(board.body, /Every need has at least one session planned/);
      assert.match(board.body, /· 1 session planned/, 'each need says how many sessions are planned for it');
      assert.doesNotMatch(board.body, /\[object Object\]/);
      assert.match(board.body, /Talking with toddlers<\/a> <span class="bw-muted">\(4 March 2025\)/, 'coverage lists the session');
      const page = await admin.get(`${programmeBase}/sessions/${futureSessionId}`);
      assert.match(page.body, /No photographs of children/);
      assert.match(page.body, /What surprised you about how families arrive\?/);
      const calendar = await admin.get(`${programmeBase}/calendar?month=2027-05`);
      assert.match(calendar.body, /May 2027/);
      assert.match(calendar.body, /Visit to Kendray Family Hub/);
      assert.equal((await admin.get(`${programmeBase}/calendar?month=<script>`)).statusCode, 200, 'a bad month falls back');
      const shrink = await admin.post(`${programmeBase}/edit`, {
        name: 'Mobilise pilot',
        kind: 'cohort_learning',
        startsOn: '2025-06-01',
        endsOn: '2027-06-30',
      });
      assert.equal(shrink.statusCode, 400);
      assert.match(shrink.body, /1 session falls outside these dates/);
    });

    it('publishes an iCalendar feed at a secret address', async () => {
      const overview = await asParticipant.get(programmeBase);
      const feedPath = /http:\/\/bridgework\.test(\/calendars\/[A-Za-z0-9_-]+\.ics)/.exec(overview.body)![1];
      const feed = await t.app.inject({ method: 'GET', url: feedPath });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /text\/calendar/);
      assert.match(feed.body, /BEGIN:VCALENDAR/);
      assert.match(feed.body, /SUMMARY:Visit to Kendray Family Hub \(Field visit\)/);
      assert.match(feed.body, /DTSTART:20270512T090000Z/);
      assert.doesNotMatch(feed.body, /No photographs/, 'safeguarding notes stay private');
      assert.equal((await t.app.inject({ method: 'GET', url: '/calendars/not-a-real-token-at-all-1234.ics' })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: '/calendars/..%2F..%2Fetc.ics' })).statusCode, 404);
    });

    it('takes feedback only from people who attended, once, after the session', async () => {
      await asParticipant.get(`${programmeBase}/sessions/${pastSessionId}`);
      const notYet = await asParticipant.post(`${programmeBase}/sessions/${pastSessionId}/feedback`, { usefulness: '4' });
      assert.equal(notYet.statusCode, 400);
      assert.match(notYet.body, /Only people recorded as attending/);
      await admin.get(`${programmeBase}/sessions/${pastSessionId}`);
      const badMark = await admin.post(`${programmeBase}/sessions/${pastSessionId}/attendance`, { [`attendance-${participant.personId}`]: 'maybe' });
      assert.equal(badMark.statusCode, 400);
      const strangerMark = await admin.post(`${programmeBase}/sessions/${pastSessionId}/attendance`, { [`attendance-${outsider.personId}`]: 'attended' });
      assert.match(strangerMark.body, /only be recorded for the cohort’s participants/);
      const marked = await admin.post(`${programmeBase}/sessions/${pastSessionId}/attendance`, {
        [`attendance-${participant.personId}`]: 'attended',
        [`attendance-${second.personId}`]: 'apologies',
      });
      assert.equal(marked.statusCode, 302);
      assert.equal((await t.db.select().from(attendance).where(eq(attendance.sessionId, pastSessionId))).length, 2);
      const noScore = await asParticipant.post(`${programmeBase}/sessions/${pastSessionId}/feedback`, { usefulness: '9' });
      assert.match(noScore.body, /Select how useful the session was/);
      const given = await asParticipant.post(`${programmeBase}/sessions/${pastSessionId}/feedback`, {
        usefulness: '4',
        mostUseful: 'Hearing from a speech and language therapist',
        toChange: 'More time for questions',
      });
      assert.equal(given.statusCode, 302);
      assert.equal(given.headers.location, `${programmeBase}/sessions/${pastSessionId}`, 'back on the session the feedback was about');
      const twice = await asParticipant.post(`${programmeBase}/sessions/${pastSessionId}/feedback`, { usefulness: '5' });
      assert.match(twice.body, /already given feedback/);
      await asSecond.get(`${programmeBase}/sessions/${pastSessionId}`);
      const absent = await asSecond.post(`${programmeBase}/sessions/${pastSessionId}/feedback`, { usefulness: '5' });
      assert.match(absent.body, /Only people recorded as attending/);
      await asParticipant.get(`${programmeBase}/sessions/${futureSessionId}`);
      const future = await asParticipant.post(`${programmeBase}/sessions/${futureSessionId}/feedback`, { usefulness: '5' });
      assert.match(future.body, /Feedback opens once the session has taken place/);
      const results = await admin.get(`${programmeBase}/feedback`);
      assert.match(results.body, /More time for questions/);
      assert.match(results.body, /4\.0/);
    });

    it('records “you said, we did” linked to the feedback, for the whole cohort to see', async () => {
      const [feedback] = await t.db.select().from(sessionFeedback).where(eq(sessionFeedback.workspaceId, ws.id));
      await admin.get(`${programmeBase}/changes`);
      const empty = await admin.post(`${programmeBase}/changes`, { youSaid: '', weDid: '', madeOn: '2025-03-10' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter what participants said/);
      const wrongFeedback = await admin.post(`${programmeBase}/changes`, {
        youSaid: 'a',
        weDid: 'b',
        madeOn: '2025-03-10',
        feedbackIds: ['00000000-0000-4000-8000-000000000000'],
      });
      assert.match(wrongFeedback.body, /Choose feedback given on this programme’s sessions/);
      const recorded = await admin.post(`${programmeBase}/changes`, {
        youSaid: 'Sessions needed more time for questions',
        weDid: 'Every masterclass now ends with 30 minutes of questions',
        madeOn: '2025-03-10',
        feedbackIds: [feedback.id],
      });
      assert.equal(recorded.statusCode, 302);
      const seen = await asParticipant.get(`${programmeBase}/changes`);
      assert.match(seen.body, /Every masterclass now ends with 30 minutes of questions/);
      assert.doesNotMatch(seen.body, /Prompted by/, 'participants do not see whose feedback it was');
      assert.match((await admin.get(`${programmeBase}/changes`)).body, /Prompted by: “More time for questions”/);
      assert.equal((await asParticipant.post(`${programmeBase}/changes`, { youSaid: 'a', weDid: 'b', madeOn: '2025-03-10' })).statusCode, 403);
    });

    it('lets a participant say whether their need was answered', async () => {
      const page = await asParticipant.get(`${programmeBase}/my-needs`);
      assert.match(page.body, /Part of the need “Speech and language delay”/);
      const statementId = /statements\/([0-9a-f-]{36})\/answer/.exec(page.body)![1];
      assert.equal((await asParticipant.post(`${programmeBase}/statements/${statementId}/answer`, { answered: 'partly' })).statusCode, 302);
      const [saved] = await t.db.select().from(needStatements).where(eq(needStatements.id, statementId));
      assert.equal(saved.answered, 'partly');
      await asSecond.get(`${programmeBase}/my-needs`);
      assert.equal((await asSecond.post(`${programmeBase}/statements/${statementId}/answer`, { answered: 'no' })).statusCode, 404, 'not their statement');
    });
    it('edits, regroups and deletes with a trail, each on its own programme', async () => {
      const trail = async (action: string) =>
        (
          await t.db
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, action)))
        ).length;
      const created = await admin.post(`${ws.base}/programmes`, {
        name: 'Short course',
        kind: 'cohort_learning',
        startsOn: '2026-01-05',
        endsOn: '2026-03-31',
      });
      const programmeId = /programmes\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1];
      const base = `${ws.base}/programmes/${programmeId}`;
      const joined = await admin.post(`${base}/cohort`, { personId: participant.personId, role: 'participant' });
      assert.equal(joined.statusCode, 302);

      const renamed = await admin.post(`${base}/edit`, {
        name: 'Short course (spring)',
        kind: 'cohort_learning',
        startsOn: '2026-01-05',
        endsOn: '2026-04-30',
      });
      assert.equal(renamed.statusCode, 302);
      const [programme] = await t.db.select().from(programmes).where(eq(programmes.id, programmeId));
      assert.equal(programme.name, 'Short course (spring)');
      assert.equal(programme.endsOn, '2026-04-30');

      const session = { kind: 'masterclass', title: 'Commissioning', date: '2026-02-10', startTime: '10:00', endTime: '12:00' };
      const sessionId = idFrom((await admin.post(`${base}/sessions`, session)).headers.location);
      const moved = await admin.post(`${base}/sessions/${sessionId}/edit`, { ...session, title: 'Commissioning well', date: '2026-02-11' });
      assert.equal(moved.statusCode, 302);
      const outside = await admin.post(`${base}/sessions/${sessionId}/edit`, { ...session, date: '2026-06-01' });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.body, /The date must be within the programme, between 5 January 2026 and 30 April 2026/);
      const shrink = await admin.post(`${base}/edit`, { name: 'Short course (spring)', kind: 'cohort_learning', startsOn: '2026-03-01', endsOn: '2026-04-30' });
      assert.equal(shrink.statusCode, 400);
      assert.match(shrink.body, /1 session falls outside these dates/);

      await asParticipant.post(`${base}/intake`, { roleDescription: 'Analyst', policyChallenge: 'Commissioning', wantToLearn: 'Contracts\nMarket shaping' });
      const statements = await t.db.select().from(needStatements).where(eq(needStatements.programmeId, programmeId));
      assert.equal(statements.length, 2);
      const grouped = await admin.post(`${base}/needs`, { title: 'Commissioning', statementIds: statements.map((s) => s.id) });
      assert.equal(grouped.statusCode, 302);
      const [need] = await t.db.select().from(needs).where(eq(needs.programmeId, programmeId));
      const ungrouped = await admin.post(`${base}/statements/${statements[0].id}/move`, { needId: '' });
      assert.equal(ungrouped.statusCode, 302);
      const [after] = await t.db.select().from(needStatements).where(eq(needStatements.id, statements[0].id));
      assert.equal(after.needId, null);
      const nowhere = await admin.post(`${base}/statements/${statements[0].id}/move`, { needId: '00000000-0000-4000-8000-000000000000' });
      assert.equal(nowhere.statusCode, 400);
      assert.match(nowhere.body, /Choose a need on this programme’s board/);
      const addressed = await admin.post(`${base}/needs/${need.id}`, { title: 'Commissioning services', description: '', addressed: 'yes' });
      assert.equal(addressed.statusCode, 302);
      const [saved] = await t.db.select().from(needs).where(eq(needs.id, need.id));
      assert.equal(saved.title, 'Commissioning services');
      assert.ok(saved.addressedAt);
      assert.equal((await admin.post(`${base}/needs/${need.id}`, { action: 'delete' })).statusCode, 302);
      assert.equal((await t.db.select().from(needs).where(eq(needs.id, need.id))).length, 0);

      assert.equal((await admin.post(`${base}/sessions/${sessionId}/delete`, {})).statusCode, 302);
      assert.equal((await t.db.select().from(programmeSessions).where(eq(programmeSessions.id, sessionId))).length, 0);
      const cohort = await admin.get(`${base}/cohort`);
      const memberId = /cohort\/([0-9a-f-]{36})\/remove/.exec(cohort.body)![1];
      assert.equal((await asParticipant.post(`${base}/cohort/${memberId}/remove`, {})).statusCode, 403, 'participants do not manage the cohort');
      assert.equal((await admin.post(`${base}/cohort/${memberId}/remove`, {})).statusCode, 302);
      assert.equal((await admin.post(`${base}/cohort/not-an-id/remove`, {})).statusCode, 404);
      assert.equal((await admin.post(`${base}/delete`, {})).statusCode, 302);
      assert.equal((await t.db.select().from(programmes).where(eq(programmes.id, programmeId))).length, 0);

      for (const action of [
        'programme.updated',
        'session.updated',
        'need.statement_moved',
        'need.updated',
        'need.deleted',
        'session.deleted',
        'cohort.member_removed',
        'programme.deleted',
      ]) {
        assert.ok((await trail(action)) > 0, `an audit row for ${action}`);
      }
    });
  });
}
