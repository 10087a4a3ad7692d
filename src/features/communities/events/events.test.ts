import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { Agent } from '../../../../test/support/agent.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { testBackends } from '../../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../../test/support/workspace-test.ts';
import { mailMessages } from '../../../core/db/tables.ts';
import { auditEvents } from '../../../core/db/tables.ts';
import { notifications } from '../../notifications/tables.ts';
import { communities, communityThreads, threadFollowers } from '../tables.ts';
import { communityEvents, eventRegistrations } from './tables.ts';

const nextYear = new Date().getUTCFullYear() + 1;
const event = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Webinar: what works in recruitment marketing',
  description: 'Three hubs share what brought **enquiries** in.',
  agenda: '- 10:00 Welcome\n- 10:10 Gateshead’s campaign\n- 10:40 Questions',
  'date-day': '12',
  'date-month': '3',
  'date-year': String(nextYear),
  startTime: '10:00',
  endTime: '11:00',
  joiningLink: 'https://teams.example.org/meet/recruitment',
  place: '',
  capacity: '2',
  speakerIds: [] as string[],
  ...overrides,
});

for (const backend of testBackends()) {
  describe(`community events and webinars (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    const people: Record<string, { user: TestUser; agent: Agent }> = {};
    let base: string;
    let eventUrl: string;
    let eventId: string;

    const mailTo = async (email: string) => t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email)).orderBy(desc(mailMessages.createdAt));
    const statusOf = async (name: string) =>
      (
        await t.db
          .select({ status: eventRegistrations.status })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, people[name].user.personId)))
      )[0]?.status;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      for (const name of ['Janet Armstrong', 'Rob Kaur', 'Priya Shah', 'Tom Reid']) {
        const user = await addMember(t.db, ws.id, 'member', name);
        const agent = new Agent(t.app);
        await agent.signIn(user.email, user.password);
        people[name.split(' ')[0]] = { user, agent };
      }
      await admin.get(`${ws.base}/communities`);
      base = String((await admin.post(`${ws.base}/communities`, { name: 'Recruitment marketing', visibility: 'open' })).headers.location);
      await admin.get(`${base}/members`);
      await admin.post(`${base}/members`, { personIds: [people.Janet.user.personId, people.Rob.user.personId] });
    });
    after(() => t.close());

    it('plans an event with speakers, refusing bad dates, links and caps, and tells the members', async () => {
      await admin.get(`${base}/events/new`);
      const bad = await admin.post(`${base}/events`, event({ 'date-day': '31', 'date-month': '2', joiningLink: 'javascript:alert(1)', capacity: '-3' }));
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /Enter the date as a real date/);
      assertPageHas(bad.body, /Enter a link starting with https:\/\//);
      assertPageHas(bad.body, /Enter the number of places as a whole number/);
      const backwards = await admin.post(`${base}/events`, event({ endTime: '09:00' }));
      assertPageHas(backwards.body, /The end time must be after the start time/);
      const huge = await admin.post(`${base}/events`, event({ capacity: '1,000,000' }));
      assertPageHas(huge.body, /An event can have up to 5000 places/);
      const nowhere = await admin.post(`${base}/events`, event({ joiningLink: '', place: '' }));
      assertPageHas(nowhere.body, /Enter a joining link, a place, or both/);
      const strangers = await admin.post(`${base}/events`, event({ speakerIds: [crypto.randomUUID()] }));
      assertPageHas(strangers.body, /Choose speakers from the list/);
      assert.equal((await t.db.select().from(communityEvents)).length, 0);

      const created = await admin.post(`${base}/events`, event({ speakerIds: [people.Priya.user.personId] }));
      assert.equal(created.statusCode, 302);
      eventUrl = String(created.headers.location);
      eventId = eventUrl.split('/').pop()!;
      const page = await people.Janet.agent.get(eventUrl);
      assertPageHas(page.body, new RegExp(`Thursday 12 March ${nextYear}, 10am to 11am|12 March ${nextYear}, 10am to 11am`));
      assertPageHas(page.body, /Priya Shah/);
      assertPageHas(page.body, /Gateshead’s campaign/);
      assertPageHas(page.body, /0 people going of 2 places · 2 left/);
      // Not registered: the joining link is not shown.
      assertPageLacks(page.body, /teams\.example\.org/);
      const told = await t.db.select().from(notifications).where(eq(notifications.kind, 'community.event_planned'));
      assert.deepEqual(told.map((n) => n.personId).sort(), [people.Janet.user.personId, people.Rob.user.personId].sort());
    });

    it('gives places up to the cap, then a waiting list in order, with an invitation e-mail for each place', async () => {
      await people.Janet.agent.get(eventUrl);
      const janet = await people.Janet.agent.post(`${eventUrl}/registration`, { action: 'register' });
      assert.equal(janet.statusCode, 302);
      assertPageHas((await people.Janet.agent.get(eventUrl)).body, /You have a place/);
      assertPageHas((await people.Janet.agent.get(eventUrl)).body, /teams\.example\.org\/meet\/recruitment/);
      const [invitation] = await mailTo(people.Janet.user.email);
      assert.match(invitation.subject, /^Your place: Webinar: what works in recruitment marketing/);
      assert.equal(invitation.calendar?.method, 'REQUEST');
      assert.match(invitation.calendar?.content ?? '', /METHOD:REQUEST/);
      assert.match(invitation.calendar?.content ?? '', new RegExp(`UID:${eventId}@bridgework`));
      assert.match(invitation.calendar?.content ?? '', /ATTENDEE;.*Janet Armstrong/);
      assert.match(invitation.textBody, /Join online: https:\/\/teams\.example\.org\/meet\/recruitment/);
      // Asking twice changes nothing.
      await people.Janet.agent.post(`${eventUrl}/registration`, { action: 'register' });
      assert.equal((await mailTo(people.Janet.user.email)).length, 1);

      // Someone outside the community can still take a place at an open community's event.
      await people.Priya.agent.get(eventUrl);
      await people.Priya.agent.post(`${eventUrl}/registration`, { action: 'register' });
      for (const name of ['Rob', 'Tom']) {
        await people[name].agent.get(eventUrl);
        await people[name].agent.post(`${eventUrl}/registration`, { action: 'register' });
      }
      assert.deepEqual(
        [await statusOf('Janet'), await statusOf('Priya'), await statusOf('Rob'), await statusOf('Tom')],
        ['registered', 'registered', 'waiting', 'waiting'],
      );
      const tom = await people.Tom.agent.get(eventUrl);
      assertPageHas(tom.body, /You are number 2/);
      assertPageLacks(tom.body, /teams\.example\.org/);
      assert.equal((await mailTo(people.Rob.user.email)).length, 0);
    });

    it('gives a freed place to the first person waiting, and takes the event out of the leaver’s calendar', async () => {
      await people.Janet.agent.get(eventUrl);
      assert.equal((await people.Janet.agent.post(`${eventUrl}/registration`, { action: 'cancel' })).statusCode, 302);
      assert.equal(await statusOf('Janet'), 'cancelled');
      assert.equal(await statusOf('Rob'), 'registered');
      assert.equal(await statusOf('Tom'), 'waiting');
      const [cancel] = await mailTo(people.Janet.user.email);
      assert.equal(cancel.calendar?.method, 'CANCEL');
      const [promoted] = await mailTo(people.Rob.user.email);
      assert.match(promoted.subject, /^A place for you/);
      assert.match(promoted.textBody, /you were next on the waiting list/);
      const [note] = await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.personId, people.Rob.user.personId), eq(notifications.kind, 'community.event_place')));
      assert.ok(note);
      // Janet asks again: she goes to the back of the line.
      await people.Janet.agent.get(eventUrl);
      await people.Janet.agent.post(`${eventUrl}/registration`, { action: 'register' });
      assert.equal(await statusOf('Janet'), 'waiting');
    });

    it('never gives more places than the cap when people ask at the same moment', async () => {
      await admin.get(`${base}/events/new`);
      const oneSeat = String((await admin.post(`${base}/events`, event({ title: 'One-to-one surgery', capacity: '1' }))).headers.location);
      const seatId = oneSeat.split('/').pop()!;
      const agents = Object.values(people).map((p) => p.agent);
      for (const agent of agents) await agent.get(oneSeat);
      const answers = await Promise.all(agents.map((agent) => agent.post(`${oneSeat}/registration`, { action: 'register' })));
      assert.ok(answers.every((a) => a.statusCode === 302));
      const rows = await t.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, seatId));
      assert.equal(rows.filter((r) => r.status === 'registered').length, 1);
      assert.equal(rows.filter((r) => r.status === 'waiting').length, agents.length - 1);
    });

    it('refuses fewer places than people holding them, and sends everyone an update when the time changes', async () => {
      await admin.get(`${eventUrl}/edit`);
      const fewer = await admin.post(`${eventUrl}/edit`, event({ capacity: '1' }));
      assert.equal(fewer.statusCode, 400);
      assertPageHas(fewer.body, /2 people already have places, so there must be at least 2/);
      const moved = await admin.post(`${eventUrl}/edit`, event({ startTime: '14:00', endTime: '15:30', capacity: '3' }));
      assert.equal(moved.statusCode, 302);
      // A third place: Tom, first in line, gets it.
      assert.equal(await statusOf('Tom'), 'registered');
      const [update] = await mailTo(people.Priya.user.email);
      assert.match(update.subject, /^Changed: /);
      assert.match(update.calendar?.content ?? '', /SEQUENCE:1/);
      assert.match(update.textBody, /2pm to 3:30pm/);
      const [tomMail] = await mailTo(people.Tom.user.email);
      assert.match(tomMail.subject, /^A place for you/);
    });

    it('keeps an invite-only community’s events from outsiders, in pages, the feed’s address and search', async () => {
      await admin.get(`${ws.base}/communities`);
      const closed = String((await admin.post(`${ws.base}/communities`, { name: 'Chief executives', visibility: 'invite_only' })).headers.location);
      await admin.get(`${closed}/events/new`);
      const secret = String((await admin.post(`${closed}/events`, event({ title: 'Confidential briefing on hub funding', capacity: '' }))).headers.location);
      assert.equal((await people.Rob.agent.get(secret)).statusCode, 404);
      assert.equal((await people.Rob.agent.get(`${closed}/events`)).statusCode, 404);
      await people.Rob.agent.get(eventUrl);
      assert.equal((await people.Rob.agent.post(`${secret}/registration`, { action: 'register' })).statusCode, 404);
      const search = await people.Rob.agent.get(`${ws.base}/search?q=${encodeURIComponent('hub funding briefing')}`);
      assertPageLacks(search.body, /Confidential briefing/);
      const staffSearch = await admin.get(`${ws.base}/search?q=${encodeURIComponent('hub funding briefing')}`);
      assertPageHas(staffSearch.body, /Confidential briefing on hub funding/);
      const found = await people.Rob.agent.get(`${ws.base}/search?q=${encodeURIComponent('recruitment marketing webinar')}`);
      assertPageHas(found.body, /Webinar: what works in recruitment marketing/);
      // Members only: the moderators' pages refuse a member.
      await people.Rob.agent.get(eventUrl);
      assert.equal((await people.Rob.agent.get(`${eventUrl}/edit`)).statusCode, 403);
      assert.equal((await people.Rob.agent.post(`${eventUrl}/cancel`, {})).statusCode, 403);
    });

    it('serves the community’s calendar feed by its secret address, without who is coming or the joining link', async () => {
      const [community] = await t.db.select().from(communities).where(eq(communities.name, 'Recruitment marketing'));
      const feed = await t.app.inject({ method: 'GET', url: `/calendars/communities/${community.calendarToken}.ics` });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      assert.match(feed.body, /SUMMARY:Webinar: what works in recruitment marketing/);
      assert.doesNotMatch(feed.body, /teams\.example\.org|Janet Armstrong|ATTENDEE/);
      assert.equal((await t.app.inject({ method: 'GET', url: `/calendars/communities/${'0'.repeat(64)}.ics` })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/calendars/communities/../../etc.ics` })).statusCode, 404);
      const single = await people.Rob.agent.get(`${eventUrl}/event.ics`);
      assert.match(single.body, /BEGIN:VEVENT/);
    });

    it('writes up a past event’s notes as a thread that everyone who had a place follows', async () => {
      await admin.get(`${base}/events/new`);
      const lastYear = new Date().getUTCFullYear() - 1;
      const past = String(
        (await admin.post(`${base}/events`, event({ title: 'Webinar: digital adverts', 'date-year': String(lastYear), capacity: '' }))).headers.location,
      );
      const pastId = past.split('/').pop()!;
      // Too late to register for it, or to cancel it.
      await people.Rob.agent.get(past);
      await people.Rob.agent.post(`${past}/registration`, { action: 'register' });
      assertPageHas((await people.Rob.agent.get(past)).body, /This event has finished/);
      assert.equal((await t.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, pastId))).length, 0);
      await t.db.insert(eventRegistrations).values({ workspaceId: ws.id, eventId: pastId, personId: people.Rob.user.personId, status: 'registered' });

      await admin.get(`${past}/notes`);
      const blank = await admin.post(`${past}/notes`, { notes: '', recordingLink: 'ftp://x', actions: '' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter the notes/);
      assertPageHas(blank.body, /Enter a link starting with https:\/\//);
      const future = await admin.post(`${eventUrl}/notes`, { notes: 'Too early', recordingLink: '', actions: '' });
      assertPageHas(future.body, /Notes can be written once the event has begun/);

      const saved = await admin.post(`${past}/notes`, {
        notes: 'Facebook adverts aimed at over-45s doubled enquiries in Gateshead.',
        recordingLink: 'https://stream.example.org/recording/42',
        actions: '- Janet to share the advert briefs',
      });
      assert.equal(saved.statusCode, 302);
      const threadUrl = String(saved.headers.location);
      const thread = await people.Rob.agent.get(threadUrl);
      assertPageHas(thread.body, /Notes: Webinar: digital adverts/);
      assertPageHas(thread.body, /doubled enquiries in Gateshead/);
      assertPageHas(thread.body, /stream\.example\.org\/recording\/42/);
      const threadId = threadUrl.split('/').pop()!;
      const followers = await t.db.select().from(threadFollowers).where(eq(threadFollowers.threadId, threadId));
      assert.ok(followers.some((f) => f.personId === people.Rob.user.personId));
      // Saving again changes the same thread.
      await admin.get(`${past}/notes`);
      await admin.post(`${past}/notes`, { notes: 'Facebook adverts aimed at over-45s tripled enquiries.', recordingLink: '', actions: '' });
      const threads = await t.db.select().from(communityThreads).where(eq(communityThreads.title, 'Notes: Webinar: digital adverts'));
      assert.equal(threads.length, 1);
      assert.match(threads[0].body, /tripled/);
    });

    it('cancels an event for everyone, taking it out of their calendars, and records it all in the audit log', async () => {
      await admin.get(eventUrl);
      assert.equal((await admin.post(`${eventUrl}/cancel`, {})).statusCode, 302);
      const [cancel] = await mailTo(people.Priya.user.email);
      assert.match(cancel.subject, /^Cancelled: /);
      assert.equal(cancel.calendar?.method, 'CANCEL');
      assert.match(cancel.calendar?.content ?? '', /STATUS:CANCELLED/);
      assertPageHas((await people.Rob.agent.get(eventUrl)).body, /This event was cancelled/);
      await people.Rob.agent.get(eventUrl);
      await people.Rob.agent.post(`${eventUrl}/registration`, { action: 'register' });
      assertPageHas((await people.Rob.agent.get(eventUrl)).body, /This event was cancelled\./);
      await admin.get(`${eventUrl}/edit`);
      const edit = await admin.post(`${eventUrl}/edit`, event());
      assertPageHas(edit.body, /This event was cancelled, so it can no longer be changed/);
      const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action);
      for (const action of [
        'community.event_planned',
        'community.event_registered',
        'community.event_waiting',
        'community.event_place_given_up',
        'community.event_changed',
        'community.event_notes',
        'community.event_cancelled',
      ])
        assert.ok(actions.includes(action), action);
    });
  });
}
