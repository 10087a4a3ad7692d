import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, PASSWORD } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startExampleTest } from '../../../test/support/workspace-test.ts';
import { rows } from '../../core/db/client.ts';
import { accounts, auditEvents, mailMessages, workspaces } from '../../core/db/tables.ts';
import { memberships } from '../access/tables.ts';
import { communityPosts } from '../communities/tables.ts';
import { people } from '../people/tables.ts';
import type { PersonalData } from './personal-data.ts';
import { applyRetention } from './apply-retention.ts';

for (const backend of testBackends()) {
  describe(`personal data: access and erasure (${backend})`, () => {
    let t: TestApp;
    let admin: Agent;
    let base: string;
    let workspaceId: string;
    /** Someone in the example with an account, posts in a community and e-mail sent to them. */
    let subject: { id: string; name: string; email: string; accountId: string; posts: number };

    before(async () => {
      let home: string;
      ({ t, admin, home } = await startExampleTest(backend));
      base = home.replace(/\/$/, '');
      const [workspace] = await t.db.select().from(workspaces);
      workspaceId = workspace.id;
      const [found] = await rows<{ id: string; name: string; email: string; account_id: string; posts: number }>(
        t.db,
        sql`SELECT p.id, p.full_name AS name, a.email, a.id AS account_id, count(cp.id)::int AS posts
            FROM people p JOIN memberships m ON m.person_id = p.id AND m.workspace_id = p.workspace_id
            JOIN accounts a ON a.id = m.account_id
            JOIN community_posts cp ON cp.author_person_id = p.id AND cp.workspace_id = p.workspace_id
            WHERE p.workspace_id = ${workspaceId} AND m.role <> 'administrator'
            GROUP BY p.id, p.full_name, a.email, a.id ORDER BY count(cp.id) DESC, p.full_name LIMIT 1`,
      );
      subject = { id: found.id, name: found.name, email: found.email, accountId: found.account_id, posts: found.posts };
      await t.db
        .insert(mailMessages)
        .values({ workspaceId, kind: 'test', toAddress: subject.email, subject: 'Your return is due', textBody: 'x', status: 'sent' });
    });
    after(() => t.close());

    it('shows an administrator everything held about a person, as a page and as JSON, and records that they looked', async () => {
      const page = await admin.get(`${base}/people/${subject.id}/personal-data`);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, new RegExp(`Everything held about ${subject.name}`));
      assertPageHas(page.body, new RegExp(`Community posts \\(${subject.posts} records?: author\\)`));
      assertPageHas(page.body, /Your return is due/);
      const download = await admin.get(`${base}/people/${subject.id}/personal-data.json`);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-disposition']), /attachment; filename="personal-data-/);
      assert.doesNotMatch(download.body, /passwordHash|password_hash|\$argon2/, 'never the password hash');
      const data = JSON.parse(download.body) as PersonalData;
      assert.equal(data.person.fullName, subject.name);
      assert.equal(data.account?.email, subject.email);
      assert.equal(data.records.find((record) => record.table === 'communityPosts')?.rows.length, subject.posts);
      assert.ok(data.records.some((record) => record.table === 'memberships'));
      assert.ok(data.emails.some((email) => email.subject === 'Your return is due'));
      const looked = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'person.data_exported'), eq(auditEvents.entityId, subject.id)));
      assert.equal(looked.length, 2);
    });

    it('lets people see their own, and no one else’s', async () => {
      const member = await addMember(t.db, workspaceId, 'member');
      const agent = new Agent(t.app);
      await agent.signIn(member.email, PASSWORD);
      const own = await agent.get(`${base}/people/${member.personId}/personal-data`);
      assert.equal(own.statusCode, 200);
      assertPageHas(own.body, /Everything held about you/);
      assertPageLacks(own.body, /Erase this person/);
      assert.equal((await agent.get(`${base}/people/${subject.id}/personal-data`)).statusCode, 403);
      assert.equal((await agent.get(`${base}/people/${subject.id}/personal-data.json`)).statusCode, 403);
      assert.equal((await agent.get(`${base}/people/${subject.id}/erase`)).statusCode, 403);
      await agent.get(`${base}/people/${member.personId}`);
      assert.equal((await agent.post(`${base}/people/${subject.id}/erase`)).statusCode, 403);
      assert.equal((await agent.post(`${base}/people/${member.personId}/erase`)).statusCode, 403, 'not even themselves: an administrator does it');
      assert.equal((await admin.get(`${base}/people/${crypto.randomUUID()}/personal-data`)).statusCode, 404);
    });

    it('erases a person: what identifies them goes, their contributions stay under “Erased person”', async () => {
      const confirm = await admin.get(`${base}/people/${subject.id}/erase`);
      assert.equal(confirm.statusCode, 200);
      assertPageHas(confirm.body, new RegExp(`Erase ${subject.name}`));
      const erased = await admin.post(`${base}/people/${subject.id}/erase`);
      assert.equal(erased.statusCode, 302);

      const [person] = await t.db
        .select()
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.id, subject.id)));
      assert.equal(person.fullName, 'Erased person');
      assert.equal(person.email, null);
      assert.equal(person.bio, '');
      assert.equal(person.organisationId, null);
      assert.equal((await t.db.select().from(memberships).where(eq(memberships.personId, subject.id))).length, 0);
      assert.equal((await t.db.select().from(accounts).where(eq(accounts.id, subject.accountId))).length, 0, 'the account had no other workspace');
      const posts = await t.db
        .select()
        .from(communityPosts)
        .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.authorPersonId, subject.id)));
      assert.equal(posts.length, subject.posts, 'their posts remain');
      const [{ named }] = await rows<{ named: number }>(
        t.db,
        sql`SELECT count(*)::int AS named FROM audit_events WHERE workspace_id = ${workspaceId}
            AND (summary LIKE ${`%${subject.name}%`} OR actor_name = ${subject.name} OR actor_account_id = ${subject.accountId})`,
      );
      assert.equal(named, 0, 'their name has left the audit trail');
      assert.equal(
        (
          await t.db
            .select()
            .from(mailMessages)
            .where(and(eq(mailMessages.workspaceId, workspaceId), eq(mailMessages.toAddress, subject.email)))
        ).length,
        0,
      );
      const [record] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'person.erased')));
      assert.equal(record.entityId, subject.id);
      assert.ok(!record.summary.includes(subject.name));

      const profile = await admin.get(`${base}/people/${subject.id}`);
      assertPageHas(profile.body, /Erased person/);
      assertPageLacks(profile.body, new RegExp(subject.email.replace('.', '\\.')));
      // Their old sign-in no longer works, and a second erasure finds nothing to erase.
      const signIn = new Agent(t.app);
      await signIn.get('/sign-in');
      assert.notEqual((await signIn.post('/sign-in', { email: subject.email, password: PASSWORD })).statusCode, 302);
      assert.equal((await admin.get(`${base}/people/${subject.id}/erase`)).statusCode, 404);
    });

    it('keeps a privacy notice shown to anyone, and deletes records older than the workspace keeps them, saying so in the audit log', async () => {
      const member = await addMember(t.db, workspaceId, 'facilitator');
      const staff = new Agent(t.app);
      await staff.signIn(member.email, PASSWORD);
      assert.equal((await staff.get(`${base}/privacy-settings`)).statusCode, 403);
      const form = await admin.get(`${base}/privacy-settings`);
      assert.equal(form.statusCode, 200);
      const bad = await admin.post(`${base}/privacy-settings`, { notice: 'x', mail: 'forever', notifications: '', audit: '' });
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /Choose how long to keep them from the list/);
      const saved = await admin.post(`${base}/privacy-settings`, {
        notice: '## Who is responsible\n\nThe partnership board is the data controller.<script>alert(1)</script>',
        mail: '6',
        notifications: '',
        audit: '72',
      });
      assert.equal(saved.statusCode, 302);
      const slug = base.split('/').pop();
      const notice = await new Agent(t.app).get(`/public/${slug}/privacy`);
      assert.equal(notice.statusCode, 200);
      assert.match(notice.body, /<h3>Who is responsible<\/h3>/, 'the Markdown is rendered');
      assertPageHas(notice.body, /E-mail sent: 6 months, then deleted/);
      assertPageHas(notice.body, /Audit log: 6 years/);
      assert.doesNotMatch(notice.body, /<script>alert/, 'and made safe');
      assert.equal((await new Agent(t.app).get('/public/no-such-workspace/privacy')).statusCode, 404);

      const old = new Date();
      old.setMonth(old.getMonth() - 7);
      await t.db.insert(mailMessages).values([
        { workspaceId, kind: 'test', toAddress: 'old@example.org', subject: 'Old', textBody: 'x', status: 'sent', createdAt: old },
        { workspaceId, kind: 'test', toAddress: 'new@example.org', subject: 'New', textBody: 'x', status: 'sent' },
      ]);
      const purged = await applyRetention(t.db);
      assert.ok(purged.some((run) => run.kind === 'mail' && run.deleted >= 1));
      const left = await t.db.select({ subject: mailMessages.subject }).from(mailMessages).where(eq(mailMessages.workspaceId, workspaceId));
      assert.ok(left.some((mail) => mail.subject === 'New'));
      assert.ok(!left.some((mail) => mail.subject === 'Old'));
      const [said] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'privacy.retention_applied')));
      assert.match(said.summary, /^Deleted [\d,]+ e-mails? older than 6 months, as the retention rules say$/);
      assert.equal(said.actorName, 'Retention rules');
    });

    it('refuses to let an administrator erase themselves', async () => {
      const [self] = await t.db.select().from(accounts).where(eq(accounts.email, 'alex@example.org'));
      const [membership] = await t.db.select().from(memberships).where(eq(memberships.accountId, self.id));
      await admin.get(`${base}/people/${membership.personId}`);
      assert.equal((await admin.post(`${base}/people/${membership.personId}/erase`)).statusCode, 403);
    });
  });
}
