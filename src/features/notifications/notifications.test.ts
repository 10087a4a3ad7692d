import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { mailMessages } from '../../core/db/tables.ts';
import { communityPosts } from '../communities/tables.ts';
import { digestBoundaries, NOTIFICATION_EMAIL_JOB } from './send-email.ts';
import { notificationSettings, notifications, unsubscribeLinks } from './tables.ts';

/** The unsubscribe link in a raw e-mail (quoted-printable may break it across lines). */
function unsubscribeTokenIn(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(unfolded);
  assert.ok(match, 'the e-mail has an unsubscribe link');
  return match[1];
}

describe('digest times', () => {
  it('are 7am London time: each morning, and on Monday for the weekly one', () => {
    // Wednesday 2 December 2026, 06:30 UTC (London is on GMT): before today's 7am, so yesterday's.
    const early = digestBoundaries(new Date('2026-12-02T06:30:00Z'));
    assert.equal(early.daily.toISOString(), '2026-12-01T07:00:00.000Z');
    assert.equal(early.weekly.toISOString(), '2026-11-30T07:00:00.000Z');
    const later = digestBoundaries(new Date('2026-12-02T09:00:00Z'));
    assert.equal(later.daily.toISOString(), '2026-12-02T07:00:00.000Z');
    // In summer London is an hour ahead: 7am there is 06:00 UTC.
    assert.equal(digestBoundaries(new Date('2026-07-15T12:00:00Z')).daily.toISOString(), '2026-07-15T06:00:00.000Z');
    // A Monday after 7am is that Monday's weekly digest.
    assert.equal(digestBoundaries(new Date('2026-11-30T08:00:00Z')).weekly.toISOString(), '2026-11-30T07:00:00.000Z');
  });
});

for (const backend of testBackends()) {
  describe(`notifications, mentions and e-mail digests (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let janet: TestUser;
    let rob: TestUser;
    let priya: TestUser;
    let asJanet: Agent;
    let asRob: Agent;

    let openId: string;
    let closedId: string;
    let threadPath: string;

    const signedIn = async (user: TestUser) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return agent;
    };
    const notificationsOf = (personId: string) =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.workspaceId, ws.id), eq(notifications.personId, personId)));
    const sendEmails = async () => {
      await t.app.deps.jobs.send(NOTIFICATION_EMAIL_JOB, {});
      return t.app.deps.jobs.workWaiting(NOTIFICATION_EMAIL_JOB);
    };

    before(async () => {
      smtp = await startSmtpServer();
      ({ t, ws, admin } = await startWorkspaceTest(backend, { SMTP_URL: smtp.url }));
      janet = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      rob = await addMember(t.db, ws.id, 'member', 'Rob Kaur');
      priya = await addMember(t.db, ws.id, 'member', 'Priya Shah');
      [asJanet, asRob] = await Promise.all([signedIn(janet), signedIn(rob)]);
      await admin.get(`${ws.base}/communities`);
      openId = String((await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'open' })).headers.location)
        .split('/')
        .pop()!;
      closedId = String((await admin.post(`${ws.base}/communities`, { name: 'Chief executives', visibility: 'invite_only' })).headers.location)
        .split('/')
        .pop()!;
      await admin.get(`${ws.base}/communities/${openId}/members`);
      await admin.post(`${ws.base}/communities/${openId}/members`, { personIds: [janet.personId, rob.personId] });
      await admin.post(`${ws.base}/communities/${closedId}/members`, { personIds: [janet.personId, rob.personId] });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it('tells every other member of a new thread, and the people it mentions that they were mentioned', async () => {
      await asJanet.get(`${ws.base}/communities/${openId}`);
      const started = await asJanet.post(`${ws.base}/communities/${openId}/threads`, {
        kind: 'challenge',
        title: 'Finding carers in rural areas',
        body: 'How did others reach villages? @Rob Kaur, you ran the Norfolk pilot. (Not `@Alex Admin`, who is in code.)',
      });
      assert.equal(started.statusCode, 302);
      threadPath = String(started.headers.location);
      const [toRob] = await notificationsOf(rob.personId);
      assert.equal(toRob.kind, 'mention');
      assert.equal(toRob.title, 'Janet Armstrong mentioned you in “Finding carers in rural areas”');
      assert.match(toRob.excerpt, /How did others reach villages/);
      assert.equal(toRob.scopeId, openId);
      // The author is not told of their own thread, and a mention in code is none.
      assert.equal((await notificationsOf(janet.personId)).length, 0);
      // The administrator started the community, so moderates it: told of the new thread, not as a mention.
      assert.deepEqual(
        (await notificationsOf(ws.admin.personId)).map((n) => n.kind),
        ['new_thread'],
      );
    });

    it('refuses a mention of someone outside the community, keeping what was typed and saving nothing', async () => {
      const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(communityPosts);
      // (Any page gives the form token; opening the thread itself would read Rob's notification.)
      await asRob.get(`${ws.base}/communities`);
      const refused = await asRob.post(`${threadPath}/replies`, { body: 'Ask @Priya Shah, she knows.' });
      assert.equal(refused.statusCode, 400);
      assertPageHas(refused.body, /Only members of this community can be mentioned: Priya Shah is not in it/);
      assertPageHas(refused.body, /Ask @Priya Shah, she knows\./);
      assert.deepEqual(await t.db.select({ n: sql<number>`count(*)::int` }).from(communityPosts), before);
      assert.equal((await notificationsOf(priya.personId)).length, 0);
    });

    it('shows the unread count on the bell, lists notifications, and marks them read when the thread is opened', async () => {
      const home = await asRob.get(`${ws.base}`);
      assertPageHas(home.body, /Notifications\s*<span class="bw-header__count">1<\/span>/);
      assertPageHas(home.body, /Unread notifications/);
      assertPageHas(home.body, /Janet Armstrong mentioned you in “Finding carers in rural areas”/);
      const list = await asRob.get(`${ws.base}/notifications`);
      assert.equal(list.statusCode, 200);
      assertPageHas(list.body, /Janet Armstrong mentioned you/);
      assertPageHas(list.body, /Mark all as read/);
      await asRob.get(threadPath);
      const [read] = await notificationsOf(rob.personId);
      assert.ok(read.readAt, 'opening the thread read the notification');
      assertPageLacks((await asRob.get(`${ws.base}`)).body, /bw-header__count/);
    });

    it('tells the followers of a thread about a reply; stopping following stops it, and replying again does not undo that', async () => {
      await asRob.get(threadPath);
      const replied = await asRob.post(`${threadPath}/replies`, { body: 'We used parish newsletters and village halls.' });
      assert.equal(replied.statusCode, 302);
      const toJanet = await notificationsOf(janet.personId);
      assert.deepEqual(
        toJanet.map((n) => [n.kind, n.title]),
        [['reply', 'Rob Kaur replied in “Finding carers in rural areas”']],
      );
      assert.match(toJanet[0].path, /#post-/);
      // Rob follows by replying; Janet's next reply tells him.
      await asJanet.get(threadPath);
      await asJanet.post(`${threadPath}/replies`, { body: 'Thank you, that is useful.' });
      assert.equal((await notificationsOf(rob.personId)).filter((n) => n.kind === 'reply').length, 1);
      // Rob stops following, then replies again: he is still not following.
      await asRob.get(threadPath);
      const unfollowed = await asRob.post(`${threadPath}/follow`, { action: 'unfollow' });
      assert.equal(unfollowed.statusCode, 302);
      await asRob.get(threadPath);
      await asRob.post(`${threadPath}/replies`, { body: 'One more idea: the mobile library.' });
      await asJanet.get(threadPath);
      await asJanet.post(`${threadPath}/replies`, { body: 'Noted.' });
      assert.equal((await notificationsOf(rob.personId)).filter((n) => n.kind === 'reply').length, 1);
      assertPageHas((await asRob.get(threadPath)).body, /Follow this thread/);
    });

    it('tells the author of an answer that helped, and the followers that the challenge is solved', async () => {
      const [answer] = await t.db
        .select()
        .from(communityPosts)
        .where(and(eq(communityPosts.workspaceId, ws.id), eq(communityPosts.authorPersonId, rob.personId)));
      await asJanet.get(threadPath);
      await asJanet.post(`${threadPath}/posts/${answer.id}/helpful`, { helpful: 'yes' });
      const told = await notificationsOf(rob.personId);
      assert.ok(told.some((n) => n.kind === 'answer_helped' && /Janet Armstrong marked your answer/.test(n.title)));
    });

    it('lets an author change their own reply, never someone else’s, and tells people newly mentioned', async () => {
      const [mine] = await t.db
        .select()
        .from(communityPosts)
        .where(and(eq(communityPosts.workspaceId, ws.id), eq(communityPosts.authorPersonId, rob.personId)));
      const editPath = `${threadPath}/posts/${mine.id}/edit`;
      assert.equal((await asJanet.get(editPath)).statusCode, 403);
      await asJanet.get(threadPath);
      assert.equal((await asJanet.post(editPath, { body: 'Rewritten by someone else' })).statusCode, 403);
      const form = await asRob.get(editPath);
      assert.equal(form.statusCode, 200);
      assertPageHas(form.body, /Change your reply/);
      const blank = await asRob.post(editPath, { body: '' });
      assert.equal(blank.statusCode, 400);
      const janetBefore = (await notificationsOf(janet.personId)).filter((n) => n.kind === 'mention').length;
      const saved = await asRob.post(editPath, { body: 'We used parish newsletters and village halls. @Janet Armstrong, I can send you ours.' });
      assert.equal(saved.statusCode, 302);
      const [changed] = await t.db
        .select()
        .from(communityPosts)
        .where(and(eq(communityPosts.workspaceId, ws.id), eq(communityPosts.id, mine.id)));
      assert.ok(changed.editedAt);
      assert.match(changed.body, /I can send you ours/);
      assert.equal((await notificationsOf(janet.personId)).filter((n) => n.kind === 'mention').length, janetBefore + 1);
      assertPageHas((await asRob.get(threadPath)).body, /edited/);
    });

    it('saves e-mail settings for the person and each of their communities, refusing values it does not know', async () => {
      const page = await asRob.get(`${ws.base}/notifications/settings`);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, /Hub leads/);
      assertPageHas(page.body, /Chief executives/);
      const bad = await asRob.post(`${ws.base}/notifications/settings`, { frequency: 'hourly' });
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /Choose how often to be e-mailed/);
      const badScope = await asRob.post(`${ws.base}/notifications/settings`, { frequency: 'daily', [`scope-community-${openId}`]: 'sometimes' });
      assert.equal(badScope.statusCode, 400);
      // A community they are not in (made up, or someone else's): refused, and nothing saved.
      const stranger = await asRob.post(`${ws.base}/notifications/settings`, {
        frequency: 'daily',
        'scope-community-00000000-0000-4000-8000-000000000000': 'never',
      });
      assert.equal(stranger.statusCode, 400);
      assertPageHas(stranger.body, /You are no longer in that community/);
      assert.equal((await t.db.select().from(notificationSettings).where(eq(notificationSettings.personId, rob.personId))).length, 0);
      const saved = await asRob.post(`${ws.base}/notifications/settings`, {
        frequency: 'immediately',
        [`scope-community-${openId}`]: 'default',
        [`scope-community-${closedId}`]: 'weekly',
      });
      assert.equal(saved.statusCode, 302);
      const rows = await t.db.select().from(notificationSettings).where(eq(notificationSettings.personId, rob.personId));
      assert.deepEqual(rows.map((r) => `${r.scopeId ?? 'own'}: ${r.frequency}`).sort(), [`${closedId}: weekly`, 'own: immediately'].sort());
    });

    it('e-mails what is due through the job queue to a real SMTP server: HTML and plain text, with a working unsubscribe link', async () => {
      await sendEmails();
      const toRob = smtp.received.filter((m) => m.to.includes(rob.email));
      assert.equal(toRob.length, 1, 'one e-mail with everything due straight away');
      const raw = toRob[0].raw;
      assert.match(raw, /multipart\/alternative/);
      assert.match(raw, /Content-Type: text\/plain/);
      assert.match(raw, /Content-Type: text\/html/);
      assert.match(raw, /List-Unsubscribe:\s+<http:\/\/bridgework\.test\/unsubscribe\//);
      assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      assert.match(raw, /lang=3D"en-GB"|lang="en-GB"/);
      // Already e-mailed: the next run sends nothing again.
      const count = smtp.received.length;
      await sendEmails();
      assert.equal(smtp.received.length, count);
      // Janet has no settings: daily. Nothing goes before the next 7am digest.
      assert.equal(smtp.received.filter((m) => m.to.includes(janet.email)).length, 0);
      const [stored] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, rob.email));
      assert.ok(stored.htmlBody?.includes('<h1'));
      assert.match(stored.textBody, /Stop these e-mails: http:\/\/bridgework\.test\/unsubscribe\//);
    });

    it('sends the daily digest once the morning comes, and never shows an invite-only community to someone removed from it', async () => {
      // Rob writes in the invite-only community; then Janet is removed from it before her digest.
      await asRob.get(`${ws.base}/communities/${closedId}`);
      await asRob.post(`${ws.base}/communities/${closedId}/threads`, {
        kind: 'discussion',
        title: 'Budget pressures next year',
        body: 'In confidence: our numbers.',
      });
      assert.ok((await notificationsOf(janet.personId)).some((n) => n.title.includes('Budget pressures')));
      await admin.get(`${ws.base}/communities/${closedId}/members`);
      assert.equal((await admin.post(`${ws.base}/communities/${closedId}/members/${janet.personId}/remove`)).statusCode, 302);
      const list = await asJanet.get(`${ws.base}/notifications`);
      assertPageLacks(list.body, /Budget pressures/);
      // Everything waiting for Janet is from yesterday: today's digest is due.
      await t.db.execute(sql`update notifications set created_at = now() - interval '2 days' where workspace_id = ${ws.id} and person_id = ${janet.personId}`);
      await sendEmails();
      const digest = smtp.received.filter((m) => m.to.includes(janet.email));
      assert.equal(digest.length, 1);
      const unfolded = digest[0].raw.replace(/=\r?\n/g, '');
      assert.match(unfolded, /Subject: Your .* digest: \d+ updates?/);
      assert.match(unfolded, /Rob Kaur replied in/);
      assert.doesNotMatch(unfolded, /Budget pressures/);
      const states = await notificationsOf(janet.personId);
      assert.equal(states.find((n) => n.title.includes('Budget pressures'))?.emailState, 'not_sent');
      assert.ok(states.filter((n) => !n.title.includes('Budget pressures')).every((n) => n.emailState === 'sent'));
    });

    it('unsubscribes without signing in, once, only the person the link was made for; forged, replayed and expired links change nothing', async () => {
      const token = unsubscribeTokenIn(smtp.received.filter((m) => m.to.includes(janet.email)).at(-1)!.raw);
      const stranger = new Agent(t.app);
      const confirm = await stranger.get(`/unsubscribe/${token}`);
      assert.equal(confirm.statusCode, 200);
      assertPageHas(confirm.body, /Stop notification e-mails/);
      assertPageHas(confirm.body, /Janet Armstrong/);
      // Opening the link changed nothing: mail scanners open links.
      assert.equal((await t.db.select().from(notificationSettings).where(eq(notificationSettings.personId, janet.personId))).length, 0);
      // A changed token is no link at all.
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      assert.equal((await stranger.post(`/unsubscribe/${forged}`, {})).statusCode, 404);
      assert.equal((await stranger.get('/unsubscribe/not-a-token')).statusCode, 404);
      // The one-click request a mail program sends (RFC 8058): no cookie, no form token.
      const done = await t.app.inject({
        method: 'POST',
        url: `/unsubscribe/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(done.statusCode, 200);
      assertPageHas(done.body, /You will not be e-mailed/);
      const settings = await t.db.select().from(notificationSettings).where(eq(notificationSettings.personId, janet.personId));
      assert.deepEqual(
        settings.map((s) => [s.scopeId, s.frequency]),
        [[null, 'never']],
      );
      // Only Janet's setting changed; Rob's are as he left them.
      assert.equal((await t.db.select().from(notificationSettings).where(eq(notificationSettings.personId, rob.personId))).length, 2);
      // Replayed: the link is used up.
      await asJanet.post(`${ws.base}/notifications/settings`, { frequency: 'daily' });
      const replay = await stranger.post(`/unsubscribe/${token}`, {});
      assert.equal(replay.statusCode, 410);
      assertPageHas(replay.body, /already been used/);
      const [after] = await t.db
        .select()
        .from(notificationSettings)
        .where(and(eq(notificationSettings.personId, janet.personId)));
      assert.equal(after.frequency, 'daily', 'the replay did not turn e-mail off again');
      // An expired link.
      const robToken = unsubscribeTokenIn(smtp.received.filter((m) => m.to.includes(rob.email)).at(-1)!.raw);
      await t.db
        .update(unsubscribeLinks)
        .set({ expiresAt: sql`now() - interval '1 day'` })
        .where(eq(unsubscribeLinks.personId, rob.personId));
      const expired = await stranger.post(`/unsubscribe/${robToken}`, {});
      assert.equal(expired.statusCode, 410);
      assertPageHas(expired.body, /expired/);
      // Every unsubscribe is in the audit log.
      const audit = await admin.get(`${ws.base}/admin/audit`);
      assertPageHas(audit.body, /Turned off e-mail about notifications/);
    });

    it('marks everything read at once, and is nobody else’s to read', async () => {
      await asJanet.get(`${ws.base}/notifications`);
      const cleared = await asJanet.post(`${ws.base}/notifications/read`);
      assert.equal(cleared.statusCode, 302);
      assert.ok((await notificationsOf(janet.personId)).every((n) => n.readAt));
      // The list is the signed-in person's own: there is no address for another's.
      assertPageLacks((await asRob.get(`${ws.base}/notifications`)).body, /Rob Kaur replied in/);
    });
  });
}
