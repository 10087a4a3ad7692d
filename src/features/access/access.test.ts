import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { mailMessages } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { invitations, memberships } from './tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, PASSWORD, type TestWorkspace } from '../../../test/support/factories.ts';

async function invitationLink(t: TestApp, email: string): Promise<string> {
  const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email)).orderBy(desc(mailMessages.createdAt)).limit(1);
  assert.ok(mail, `an invitation e-mail to ${email}`);
  return /http:\/\/bridgework\.test(\/invitations\/\S+)/.exec(mail.textBody)![1];
}

for (const backend of testBackends()) {
  describe(`invitations and roles (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;

    async function addPerson(fullName: string, email: string | null) {
      const [row] = await t.db.insert(people).values({ workspaceId: ws.id, fullName, email }).returning();
      return row.id;
    }

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
    });
    after(() => t.close());

    it('invites a recorded person, who sets up an account and joins with the invited role', async () => {
      const personId = await addPerson('Naomi Clarke', 'naomi.clarke@dhsc.example');
      await admin.get(`${ws.base}/people/${personId}`);
      const sent = await admin.post(`${ws.base}/access/invitations`, { personId, role: 'member' });
      assert.equal(sent.statusCode, 302);
      const profile = await admin.get(`${ws.base}/people/${personId}`);
      assert.match(profile.body, /e-mail outbox/);
      assert.match(profile.body, /Invited as Member/);
      const link = await invitationLink(t, 'naomi.clarke@dhsc.example');

      const invitee = new Agent(t.app);
      const page = await invitee.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Set up your account/);
      const weak = await invitee.post(link, { name: 'Naomi Clarke', password: 'short', confirmPassword: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /Password must be 10 characters or more/);
      const joined = await invitee.post(link, { name: 'Naomi Clarke', password: PASSWORD, confirmPassword: PASSWORD });
      assert.equal(joined.statusCode, 302);
      assert.equal(joined.headers.location, ws.base);
      const home = await invitee.get(ws.base);
      assert.match(home.body, /Welcome to/);
      const [membership] = await t.db.select().from(memberships).where(eq(memberships.personId, personId));
      assert.equal(membership.role, 'member');
      const reused = await new Agent(t.app).get(link);
      assert.equal(reused.statusCode, 410);
      assert.match(reused.body, /already been accepted/);
    });

    it('asks someone who already has an account to sign in, then joins with it', async () => {
      const elsewhere = await createTestWorkspace(t.db);
      const existing = await addMember(t.db, elsewhere.id, 'member', 'Eleanor Marsh');
      const personId = await addPerson('Eleanor Marsh', existing.email);
      await admin.get(`${ws.base}/people/${personId}`);
      await admin.post(`${ws.base}/access/invitations`, { personId, role: 'expert' });
      const link = await invitationLink(t, existing.email);
      const invitee = new Agent(t.app);
      const page = await invitee.get(link);
      assert.match(page.body, /Sign in to accept/);
      const tooSoon = await invitee.post(link, { name: 'Eleanor', password: PASSWORD, confirmPassword: PASSWORD });
      assert.equal(tooSoon.statusCode, 403);
      await invitee.get(`/sign-in?next=${encodeURIComponent(link)}`);
      const signedIn = await invitee.post('/sign-in', { email: existing.email, password: PASSWORD, next: link });
      assert.equal(signedIn.headers.location, link);
      const confirm = await invitee.get(link);
      assert.match(confirm.body, /Accept and join/);
      const joined = await invitee.post(link);
      assert.equal(joined.statusCode, 302);
      assert.equal((await invitee.get(ws.base)).statusCode, 200);
      assert.equal((await invitee.get(elsewhere.base)).statusCode, 200, 'still in the first workspace');
    });

    it('refuses made-up, expired and cancelled invitation links, and someone signed in as another account', async () => {
      assert.equal((await new Agent(t.app).get('/invitations/made-up-token')).statusCode, 410);
      const personId = await addPerson('Imran Qureshi', 'imran@dhsc.example');
      await admin.get(`${ws.base}/people/${personId}`);
      await admin.post(`${ws.base}/access/invitations`, { personId, role: 'member' });
      const link = await invitationLink(t, 'imran@dhsc.example');
      const wrong = new Agent(t.app);
      const someone = await addMember(t.db, ws.id, 'viewer');
      await wrong.signIn(someone.email, someone.password);
      const wrongPage = await wrong.get(link);
      assert.match(wrongPage.body, /this invitation is for imran@dhsc.example/);
      assert.equal((await wrong.post(link, { name: 'X', password: PASSWORD, confirmPassword: PASSWORD })).statusCode, 403);

      await t.db
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.personId, personId));
      const expired = await new Agent(t.app).get(link);
      assert.equal(expired.statusCode, 410);
      assert.match(expired.body, /expired/);

      const [invitation] = await t.db.select().from(invitations).where(eq(invitations.personId, personId));
      await admin.get(`${ws.base}/access`);
      const resent = await admin.post(`${ws.base}/access/invitations/${invitation.id}/resend`);
      assert.equal(resent.statusCode, 302);
      assert.equal((await new Agent(t.app).get(link)).statusCode, 410, 'the old link stops working');
      const fresh = await invitationLink(t, 'imran@dhsc.example');
      assert.equal((await new Agent(t.app).get(fresh)).statusCode, 200);
      await admin.get(`${ws.base}/access`);
      assert.equal((await admin.post(`${ws.base}/access/invitations/${invitation.id}/revoke`)).statusCode, 302);
      const cancelled = await new Agent(t.app).get(fresh);
      assert.equal(cancelled.statusCode, 410);
      assert.match(cancelled.body, /cancelled/);
    });

    it('will not invite someone twice, someone without an e-mail, or another workspace’s person', async () => {
      const personId = await addPerson('Beth Howells', 'beth@dhsc.example');
      await admin.get(`${ws.base}/people/${personId}`);
      await admin.post(`${ws.base}/access/invitations`, { personId, role: 'member' });
      const twice = await admin.post(`${ws.base}/access/invitations`, { personId, role: 'member' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /already has an invitation waiting/);
      const noEmail = await addPerson('Oliver Grant', null);
      const missing = await admin.post(`${ws.base}/access/invitations`, { personId: noEmail, role: 'member' });
      assert.equal(missing.statusCode, 302);
      assert.match((await admin.get(String(missing.headers.location))).body, /Add an email address for Oliver Grant/);
      const other = await createTestWorkspace(t.db);
      const [foreign] = await t.db.insert(people).values({ workspaceId: other.id, fullName: 'Foreign', email: 'foreign@example.org' }).returning();
      assert.equal((await admin.post(`${ws.base}/access/invitations`, { personId: foreign.id, role: 'member' })).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/access/invitations`, { personId: 'nonsense', role: 'member' })).statusCode, 404);
      const badRole = await admin.post(`${ws.base}/access/invitations`, { personId, role: 'emperor' });
      assert.equal(badRole.statusCode, 400);
    });

    it('invites someone new from the access page, with validation', async () => {
      await admin.get(`${ws.base}/access`);
      const bad = await admin.post(`${ws.base}/access/invite-new`, { fullName: '', email: 'bad', role: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter their full name/);
      assert.match(bad.body, /Select a role/);
      const ok = await admin.post(`${ws.base}/access/invite-new`, { fullName: 'Zara Ahmed', email: 'Zara.Ahmed@mhclg.example', role: 'member' });
      assert.equal(ok.statusCode, 302);
      const page = await admin.get(`${ws.base}/access`);
      assert.match(page.body, /Zara Ahmed/);
      assert.match(page.body, /zara\.ahmed@mhclg\.example/);
      const again = await admin.post(`${ws.base}/access/invite-new`, { fullName: 'Zara A', email: 'zara.ahmed@mhclg.example', role: 'member' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already has that email address/);
    });

    it('limits what facilitators and members may do with access', async () => {
      const facilitator = await addMember(t.db, ws.id, 'facilitator');
      const agent = new Agent(t.app);
      await agent.signIn(facilitator.email, facilitator.password);
      const page = await agent.get(`${ws.base}/access`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /value="administrator"/);
      const adminInvite = await agent.post(`${ws.base}/access/invite-new`, { fullName: 'Power Grab', email: 'grab@example.org', role: 'administrator' });
      assert.equal(adminInvite.statusCode, 403);
      const [membership] = await t.db.select().from(memberships).where(eq(memberships.personId, facilitator.personId));
      assert.equal((await agent.post(`${ws.base}/access/members/${membership.id}/role`, { role: 'administrator' })).statusCode, 403);
      const member = await addMember(t.db, ws.id, 'member');
      const memberAgent = new Agent(t.app);
      await memberAgent.signIn(member.email, member.password);
      assert.equal((await memberAgent.get(`${ws.base}/access`)).statusCode, 403);
      assert.equal((await memberAgent.get(`${ws.base}/admin/audit`)).statusCode, 403);
    });

    it('changes roles, removes access, and always keeps one administrator', async () => {
      const [adminMembership] = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.personId, ws.admin.personId)));
      await admin.get(`${ws.base}/access`);
      const demote = await admin.post(`${ws.base}/access/members/${adminMembership.id}/role`, { role: 'member' });
      assert.equal(demote.statusCode, 409);
      assert.match(demote.body, /at least one administrator/);
      const leave = await admin.post(`${ws.base}/access/members/${adminMembership.id}/remove`);
      assert.equal(leave.statusCode, 409);

      const user = await addMember(t.db, ws.id, 'member');
      const [membership] = await t.db.select().from(memberships).where(eq(memberships.personId, user.personId));
      assert.equal((await admin.post(`${ws.base}/access/members/${membership.id}/role`, { role: 'facilitator' })).statusCode, 302);
      assert.equal((await t.db.select().from(memberships).where(eq(memberships.id, membership.id)))[0].role, 'facilitator');
      const userAgent = new Agent(t.app);
      await userAgent.signIn(user.email, user.password);
      assert.equal((await admin.post(`${ws.base}/access/members/${membership.id}/remove`)).statusCode, 302);
      assert.equal((await userAgent.get(ws.base)).statusCode, 404, 'no longer a member');
      assert.equal((await t.db.select().from(people).where(eq(people.id, user.personId))).length, 1, 'their profile is kept');
    });
  });
}
