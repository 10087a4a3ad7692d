import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { people } from '../people/tables.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';

for (const backend of testBackends()) {
  describe(`audit log and e-mail outbox (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let other: TestWorkspace;
    let admin: Agent;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      other = await createTestWorkspace(t.db);
    });
    after(() => t.close());

    it('records who changed what, and filters the log', async () => {
      await admin.get(`${ws.base}/topics`);
      await admin.post(`${ws.base}/topics`, { name: 'Kinship care' });
      const [topic] = (await admin.get(`${ws.base}/topics`)).body.match(/\/topics\/([0-9a-f-]{36})\/edit/)!.slice(1);
      await admin.get(`${ws.base}/topics/${topic}/edit`);
      await admin.post(`${ws.base}/topics/${topic}/edit`, { name: 'Kinship care', description: 'Children raised by relatives' });
      const log = await admin.get(`${ws.base}/admin/audit`);
      assert.equal(log.statusCode, 200);
      assert.match(log.body, /Added the topic “Kinship care”/);
      assert.match(log.body, /Updated the topic “Kinship care”/);
      assert.match(log.body, /What changed/);
      assert.match(log.body, /Alex Admin/);
      const filtered = await admin.get(`${ws.base}/admin/audit?type=workspace`);
      assert.doesNotMatch(filtered.body, /Kinship care/);
      assert.match(filtered.body, /Created the workspace/);
      const hostile = await admin.get(`${ws.base}/admin/audit?q=${encodeURIComponent('<script>')}&type=${encodeURIComponent("' or 1=1")}`);
      assert.equal(hostile.statusCode, 200);
      assert.doesNotMatch(hostile.body, /value="<script>"/);
    });

    it('shows the workspace’s mail and its members’ password resets, never other mail', async () => {
      const member = await addMember(t.db, ws.id, 'member');
      const outsider = await addMember(t.db, other.id, 'member');
      const anonymous = new Agent(t.app);
      await anonymous.get('/forgot-password');
      await anonymous.post('/forgot-password', { email: member.email });
      await anonymous.post('/forgot-password', { email: outsider.email });
      const [person] = await t.db.insert(people).values({ workspaceId: other.id, fullName: 'Other Invitee', email: 'other.invitee@example.org' }).returning();
      const otherAdmin = new Agent(t.app);
      await otherAdmin.signIn(other.admin.email, other.admin.password);
      await otherAdmin.get(`${other.base}/people/${person.id}`);
      await otherAdmin.post(`${other.base}/access/invitations`, { personId: person.id, role: 'member' });

      const outbox = await admin.get(`${ws.base}/admin/outbox`);
      assert.equal(outbox.statusCode, 200);
      assert.match(outbox.body, /This server has no SMTP settings/);
      assert.ok(outbox.body.includes(member.email));
      assert.ok(!outbox.body.includes(outsider.email), 'no reset mail for people outside the workspace');
      assert.ok(!outbox.body.includes('other.invitee@example.org'), 'no other workspace’s invitations');
      const id = /\/admin\/outbox\/([0-9a-f-]{36})/.exec(outbox.body)![1];
      const message = await admin.get(`${ws.base}/admin/outbox/${id}`);
      assert.match(message.body, /reset-password\//);
      const otherOutbox = await otherAdmin.get(`${other.base}/admin/outbox`);
      const otherId = /\/admin\/outbox\/([0-9a-f-]{36})/.exec(otherOutbox.body)![1];
      assert.equal((await admin.get(`${ws.base}/admin/outbox/${otherId}`)).statusCode, 404);
      assert.equal((await admin.get(`${ws.base}/admin/outbox/junk`)).statusCode, 404);
      const memberAgent = new Agent(t.app);
      await memberAgent.signIn(member.email, 'correct horse battery staple');
      assert.equal((await memberAgent.get(`${ws.base}/admin/outbox`)).statusCode, 403);
    });

    it('lists the workspace’s failed background jobs with the reason, and tries one again with an audit entry', async () => {
      const jobId = await t.app.deps.jobs.send('mail.retry', { mailId: '00000000-0000-4000-8000-00000000000a', workspaceId: ws.id });
      // As pg-boss leaves a job that failed every try.
      await t.db.execute(
        sql`update pgboss.job set state = 'failed', retry_count = 6, completed_on = now(), output = ${JSON.stringify({ message: 'Mailbox unavailable' })}::jsonb where id = ${jobId}`,
      );
      const page = await admin.get(`${ws.base}/admin/jobs`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /E-mail sent again after a failure/);
      assert.match(page.body, /Mailbox unavailable/);
      assert.match(page.body, /6 retries/);

      const otherAdmin = new Agent(t.app);
      await otherAdmin.signIn(other.admin.email, other.admin.password);
      assert.doesNotMatch((await otherAdmin.get(`${other.base}/admin/jobs`)).body, /Mailbox unavailable/, 'another workspace sees none of it');
      await otherAdmin.get(`${other.base}/admin/jobs`);
      assert.equal((await otherAdmin.post(`${other.base}/admin/jobs/${jobId}/retry`)).statusCode, 404);
      const member = await addMember(t.db, ws.id, 'facilitator');
      const facilitator = new Agent(t.app);
      await facilitator.signIn(member.email, member.password);
      assert.equal((await facilitator.get(`${ws.base}/admin/jobs`)).statusCode, 403);
      assert.equal((await admin.post(`${ws.base}/admin/jobs/not-a-job/retry`)).statusCode, 404);

      const retried = await admin.post(`${ws.base}/admin/jobs/${jobId}/retry`);
      assert.equal(retried.statusCode, 302);
      const [{ state }] = (await t.db.execute(sql`select state::text as state from pgboss.job where id = ${jobId}`)).rows as Array<{ state: string }>;
      assert.equal(state, 'retry');
      assert.match((await admin.get(`${ws.base}/admin/jobs`)).body, /Nothing has failed/);
      assert.match((await admin.get(`${ws.base}/admin/audit`)).body, /Retried a failed job: E-mail sent again after a failure/);
      assert.equal((await admin.post(`${ws.base}/admin/jobs/${jobId}/retry`)).statusCode, 404, 'a job already retried is not retried twice');
    });
  });

  describe(`invitations through a real SMTP server (${backend})`, () => {
    it('e-mails the invitation link and marks it sent', async () => {
      const smtp = await startSmtpServer();
      const t = await buildTestApp(backend, { env: { SMTP_URL: smtp.url } });
      try {
        const ws = await createTestWorkspace(t.db);
        const admin = new Agent(t.app);
        await admin.signIn(ws.admin.email, ws.admin.password);
        await admin.get(`${ws.base}/access`);
        const response = await admin.post(`${ws.base}/access/invite-new`, {
          fullName: 'Kieran Doyle',
          email: 'kieran.doyle@education.example',
          role: 'member',
        });
        assert.equal(response.statusCode, 302);
        const page = await admin.get(String(response.headers.location));
        assert.match(page.body, /We have emailed an invitation to kieran.doyle@education.example/);
        assert.equal(smtp.received.length, 1);
        assert.deepEqual(smtp.received[0].to, ['kieran.doyle@education.example']);
        assert.match(smtp.received[0].raw.replace(/=\r\n/g, ''), /http:\/\/bridgework\.test\/invitations\//);
        const outbox = await admin.get(`${ws.base}/admin/outbox`);
        assert.match(outbox.body, /govuk-tag--green">\s*Sent\s*</);
      } finally {
        await t.close();
        await smtp.close();
      }
    });
  });
}
