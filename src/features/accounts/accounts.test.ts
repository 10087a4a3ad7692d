import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { accounts, mailMessages, sessions, signInFailures } from '../../core/db/tables.ts';
import { signIn } from './sign-in.ts';
import { purgeExpiredSessions } from './sessions.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';

async function latestMailTo(t: TestApp, to: string) {
  const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to)).orderBy(desc(mailMessages.createdAt)).limit(1);
  return mail;
}

for (const backend of testBackends()) {
  describe(`accounts and sessions (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    before(async () => {
      t = await buildTestApp(backend, { env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', SESSION_IDLE_MINUTES: '30' } });
      ws = await createTestWorkspace(t.db);
    });
    after(() => t.close());

    it('signs in with the right password, sets a secure-by-default session cookie, and signs out', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const response = await agent.post('/sign-in', { email: ws.admin.email.toUpperCase(), password: ws.admin.password });
      assert.equal(response.statusCode, 302);
      const cookie = response.cookies.find((c) => c.name === 'bw_session');
      assert.ok(cookie, 'session cookie set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      const home = await agent.get(ws.base);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Sign out/);
      const out = await agent.post('/sign-out');
      assert.equal(out.headers.location, '/sign-in');
      const after = await agent.get(ws.base);
      assert.equal(after.statusCode, 302);
      assert.match(String(after.headers.location), /^\/sign-in\?next=/);
    });

    it('gives one message for an unknown e-mail and a wrong password', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const unknown = await agent.post('/sign-in', { email: 'nobody@example.org', password: 'whatever it is' });
      const wrong = await agent.post('/sign-in', { email: ws.admin.email, password: 'not the password' });
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      assert.match(unknown.body, /Enter a correct email address and password/);
      assert.match(wrong.body, /Enter a correct email address and password/);
      assert.match(wrong.body, new RegExp(`value="${ws.admin.email}"`));
    });

    it('validates the sign-in form: missing, malformed and overlong values', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const empty = await agent.post('/sign-in', {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter an email address/);
      assert.match(empty.body, /Enter your password/);
      const long = await agent.post('/sign-in', { email: `${'a'.repeat(300)}@example.org`, password: 'x'.repeat(5000) });
      assert.equal(long.statusCode, 400);
      const sql = await agent.post('/sign-in', { email: "' OR 1=1 --", password: "' OR '1'='1" });
      assert.equal(sql.statusCode, 400);
      assert.match(sql.body, /correct format/);
    });

    it('pauses sign-in from an address after repeated failures, even with the right password, without shutting the owner out elsewhere', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      for (let i = 0; i < 2; i++) assert.equal((await agent.post('/sign-in', { email: user.email, password: 'wrong password!' })).statusCode, 401);
      const third = await agent.post('/sign-in', { email: user.email, password: 'wrong password!' });
      assert.equal(third.statusCode, 429);
      assert.match(third.body, /paused for 15 minutes/);
      const right = await agent.post('/sign-in', { email: user.email, password: user.password });
      assert.equal(right.statusCode, 429);
      // The owner, somewhere else, is not shut out by a stranger's guesses.
      const settings = { maxFailures: 3, lockMinutes: 15 };
      assert.equal((await signIn(t.db, user.email, user.password, '203.0.113.9', settings)).ok, true);
      assert.equal((await signIn(t.db, user.email, user.password, '127.0.0.1', settings)).ok, false);
      // When the pause has passed, the right password works from here again.
      await t.db
        .update(signInFailures)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(signInFailures.accountId, user.accountId));
      assert.equal((await agent.post('/sign-in', { email: user.email, password: user.password })).statusCode, 302);
      assert.equal((await t.db.select().from(signInFailures).where(eq(signInFailures.accountId, user.accountId))).length, 0, 'a success clears the count');
    });

    it('renews the form token at sign-in, so one planted before it is refused after', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const planted = agent.csrfToken;
      await agent.signIn(user.email, user.password);
      assert.notEqual(agent.csrfToken, planted);
      const stale = await agent.post('/sign-out', { _csrf: planted });
      assert.equal(stale.statusCode, 403);
      assert.match(stale.body, /Your form has expired/);
      assert.equal((await agent.post('/sign-out')).statusCode, 302, 'the token from the page after sign-in works');
    });

    it('ends a session that has been idle too long', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      assert.equal((await agent.get(ws.base)).statusCode, 200);
      await t.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
        .where(eq(sessions.accountId, user.accountId));
      const response = await agent.get(ws.base);
      assert.equal(response.statusCode, 302);
      assert.match(String(response.headers.location), /^\/sign-in/);
      assert.equal((await t.db.select().from(sessions).where(eq(sessions.accountId, user.accountId))).length, 0);
    });

    it('clears away sessions that can no longer be used', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const fresh = new Agent(t.app);
      await fresh.signIn(user.email, user.password);
      const stale = new Agent(t.app);
      await stale.signIn(user.email, user.password);
      const rows = await t.db.select().from(sessions).where(eq(sessions.accountId, user.accountId));
      await t.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessions.id, rows[1].id));
      await purgeExpiredSessions(t.db, { idleMinutes: 30, maxHours: 1 });
      const left = await t.db.select().from(sessions).where(eq(sessions.accountId, user.accountId));
      assert.deepEqual(
        left.map((row) => row.id),
        [rows[0].id],
      );
    });

    it('only follows same-site paths after sign-in', async () => {
      const user = await addMember(t.db, ws.id, 'viewer');
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const offsite = await agent.post('/sign-in', { email: user.email, password: user.password, next: '//evil.example/steal' });
      assert.equal(offsite.headers.location, '/');
      const agent2 = new Agent(t.app);
      await agent2.get('/sign-in');
      const inside = await agent2.post('/sign-in', { email: user.email, password: user.password, next: `${ws.base}/people` });
      assert.equal(inside.headers.location, `${ws.base}/people`);
    });

    it('resets a forgotten password by e-mail link, once, and signs out other devices', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const other = new Agent(t.app);
      await other.signIn(user.email, user.password);

      const agent = new Agent(t.app);
      await agent.get('/forgot-password');
      const sent = await agent.post('/forgot-password', { email: user.email });
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /Check your email/);
      const unknown = await agent.post('/forgot-password', { email: 'stranger@example.org' });
      assert.match(unknown.body, /Check your email/, 'the same answer for an address with no account');

      const mail = await latestMailTo(t, user.email);
      assert.ok(mail, 'a reset e-mail was recorded');
      const link = /http:\/\/bridgework\.test(\/reset-password\/\S+)/.exec(mail.textBody)![1];
      const form = await agent.get(link);
      assert.equal(form.statusCode, 200);
      const mismatch = await agent.post(link, { password: 'a brand new password', confirmPassword: 'something else' });
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /The passwords do not match/);
      const done = await agent.post(link, { password: 'a brand new password', confirmPassword: 'a brand new password' });
      assert.equal(done.statusCode, 302);
      assert.equal((await other.get(ws.base)).statusCode, 302, 'the other device was signed out');
      assert.equal((await agent.get(link)).statusCode, 410, 'the link works once');
      await new Agent(t.app).signIn(user.email, 'a brand new password');
    });

    it('ends every other reset link once one is used', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      const links: string[] = [];
      for (let i = 0; i < 2; i++) {
        await agent.get('/forgot-password');
        await agent.post('/forgot-password', { email: user.email });
        const mails = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, user.email));
        links.push(mails.map((mail) => /http:\/\/bridgework\.test(\/reset-password\/\S+)/.exec(mail.textBody)![1]).find((link) => !links.includes(link))!);
      }
      assert.notEqual(links[0], links[1]);
      await agent.get(links[1]);
      assert.equal((await agent.post(links[1], { password: 'another new password', confirmPassword: 'another new password' })).statusCode, 302);
      assert.equal((await agent.get(links[0])).statusCode, 410, 'the older link no longer works');
      assert.equal((await agent.post(links[0], { password: 'a takeover password', confirmPassword: 'a takeover password' })).statusCode, 410);
      await new Agent(t.app).signIn(user.email, 'another new password');
    });

    it('refuses expired and made-up reset links with a clear page', async () => {
      const agent = new Agent(t.app);
      const madeUp = await agent.get('/reset-password/not-a-real-token');
      assert.equal(madeUp.statusCode, 410);
      assert.match(madeUp.body, /This reset link has expired/);
      const hostile = await agent.get(`/reset-password/${encodeURIComponent('<script>x</script>')}`);
      assert.equal(hostile.statusCode, 410);
      assert.doesNotMatch(hostile.body, /<script>x<\/script>/);
    });

    it('changes a password only with the current one', async () => {
      const user = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      await agent.get('/account');
      const wrong = await agent.post('/account/password', {
        currentPassword: 'nope nope nope',
        password: 'another good password',
        confirmPassword: 'another good password',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Your current password is not right/);
      const ok = await agent.post('/account/password', {
        currentPassword: user.password,
        password: 'another good password',
        confirmPassword: 'another good password',
      });
      assert.equal(ok.statusCode, 302);
      assert.equal((await agent.get(ws.base)).statusCode, 200, 'this device stays signed in');
      const [row] = await t.db
        .select({ hash: accounts.passwordHash })
        .from(accounts)
        .where(and(eq(accounts.id, user.accountId)));
      assert.match(String(row.hash), /^\$argon2id\$/);
    });
  });

  describe(`sign-in rate limit (${backend})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(backend, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    });
    after(() => t.close());

    it('answers 429 with a calm page after too many attempts from one address', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await agent.post('/sign-in', { email: 'x@example.org', password: 'wrong password' })).statusCode);
      assert.deepEqual(statuses.slice(0, 3), [401, 401, 401]);
      const limited = await agent.post('/sign-in', { email: 'x@example.org', password: 'wrong password' });
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Too many attempts/);
    });
  });
}
