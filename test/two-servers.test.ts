import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/core/db/client.ts';
import { mailMessages } from '../src/core/db/tables.ts';
import { createMailer, type Mailer } from '../src/core/mailer.ts';
import { topics } from '../src/features/topics/tables.ts';
import { Agent } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase, testBackends, type TestDatabase } from './support/database.ts';
import { createTestWorkspace, type TestWorkspace } from './support/factories.ts';
import { startSmtpServer } from './support/smtp.ts';
import { eventually } from './support/eventually.ts';

/**
 * Several app servers behind a load balancer on one PostgreSQL database: each
 * its own process in production, here its own app, connection pool and job
 * workers. Nothing is shared between them but the database, as in production.
 * PGlite is one process's database, so this runs where the suite has
 * PostgreSQL, as every PostgreSQL test does (CI always has it).
 */
if (testBackends().includes('postgres'))
  describe('two app servers on one PostgreSQL database', () => {
    let database: TestDatabase;
    let second: Awaited<ReturnType<typeof openDatabase>>;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const servers: TestApp[] = [];
    /** Which server redelivered each message: the mail-retry job's work, counted where it is done. */
    const redelivered: Array<{ server: number; mailId: string }> = [];
    let ws: TestWorkspace;

    /** A server's mailer that notes each redelivery it makes. */
    function countingMailer(server: number, db: TestDatabase['db']): Mailer {
      const mailer = createMailer(db, { smtpUrl: smtp.url, from: 'no-reply@bridgework.test' });
      return {
        ...mailer,
        delivers: mailer.delivers,
        send: (mail) => mailer.send(mail),
        close: () => mailer.close(),
        redeliver: async (mailId, workspaceId) => {
          redelivered.push({ server, mailId });
          return mailer.redeliver(mailId, workspaceId);
        },
      };
    }

    before(async () => {
      smtp = await startSmtpServer({ reject: true });
      database = await createTestDatabase('postgres');
      second = await openDatabase({ databaseUrl: database.url!, poolSize: 5 });
      const env = { JOB_WORKERS: 'true', SMTP_URL: smtp.url };
      servers.push(await buildTestApp('postgres', { database, env, mailer: countingMailer(1, database.db) }));
      servers.push(await buildTestApp('postgres', { database: { ...second, url: database.url }, env, mailer: countingMailer(2, second.db) }));
      ws = await createTestWorkspace(database.db);
    });
    after(async () => {
      for (const server of servers) await server.close();
      await second?.close();
      await database?.close();
      await smtp?.close();
    });

    it('keeps a session signed in on one server working on the other, forms and signing out included', async () => {
      const [a, b] = servers;
      const browser = new Agent(a.app);
      await browser.signIn(ws.admin.email, ws.admin.password);
      const home = await browser.useServer(b.app).get(ws.base);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Alex Admin/);

      // A form fetched from one server and sent to the other, as a balancer may route the two requests.
      await browser.useServer(a.app).get(`${ws.base}/topics`);
      const added = await browser.useServer(b.app).post(`${ws.base}/topics`, { name: 'Kinship care' });
      assert.equal(added.statusCode, 302, added.body);
      const list = await browser.useServer(a.app).get(`${ws.base}/topics`);
      assert.match(list.body, /Kinship care/);
      assert.equal((await database.db.select().from(topics).where(eq(topics.workspaceId, ws.id))).length, 1);

      // Signing out on one ends the session on both.
      await browser.useServer(b.app).post('/sign-out');
      const after = await browser.useServer(a.app).get(ws.base);
      assert.equal(after.statusCode, 302);
      assert.match(String(after.headers.location), /\/sign-in/);
    });

    it('shares one job queue: each job is done once, by whichever server takes it', async () => {
      const [a, b] = servers;
      // Ten messages the mail server refused, each handed to the queue to try again.
      for (let n = 1; n <= 10; n++) {
        const delivery = await a.app.deps.mailer.send({ workspaceId: null, kind: 'test', to: `person${n}@example.org`, subject: `Message ${n}`, text: 'x' });
        assert.equal(delivery.status, 'failed');
      }
      const mailIds = (await database.db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.status, 'failed'))).map((m) => m.id);
      assert.equal(mailIds.length, 10);
      smtp.rejecting = false;
      for (const [index, mailId] of mailIds.entries()) await (index % 2 ? a : b).app.deps.jobs.send('mail.retry', { mailId, workspaceId: null });
      await eventually(async () => (await database.db.select().from(mailMessages).where(eq(mailMessages.status, 'sent'))).length === 10, 30_000);
      // Both servers poll every 2 s: wait long enough for a second taking of any job to have shown.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      assert.equal(smtp.received.length, 10, 'each message sent once');
      assert.deepEqual(redelivered.map((r) => r.mailId).sort(), [...mailIds].sort(), 'each job done once');
    });
  });
