import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, rows } from './db/client.ts';
import { mailMessages } from './db/tables.ts';
import { JobQueue } from './jobs.ts';
import { createMailer, mailRetryJob } from './mailer.ts';
import { createTestDatabase, testBackends, type TestDatabase } from '../../test/support/database.ts';
import { startSmtpServer } from '../../test/support/smtp.ts';
import { eventually } from '../../test/support/eventually.ts';

for (const backend of testBackends()) {
  describe(`job queue (${backend})`, () => {
    let database: TestDatabase;
    const queues: JobQueue[] = [];
    const handled: Array<{ server: number; n: number }> = [];
    let attempts = 0;

    function server(number: number, db = database) {
      const queue = new JobQueue(db, { pollingIntervalSeconds: 0.5 });
      queue.define<{ n: number }>({ name: 'test.count', label: 'Count', retryLimit: 0, handler: async ({ n }) => void handled.push({ server: number, n }) });
      queue.define<{ workspaceId: string }>({
        name: 'test.flaky',
        label: 'Flaky',
        retryLimit: 2,
        retryDelay: 1,
        handler: async () => {
          attempts++;
          throw new Error(`Attempt ${attempts} refused`);
        },
      });
      queues.push(queue);
      return queue;
    }

    before(async () => {
      database = await createTestDatabase(backend);
    });
    after(async () => {
      for (const queue of queues) await queue.stop();
      await database.close();
    });

    it('keeps a job sent in a transaction only if the transaction commits', async () => {
      const queue = server(1);
      await queue.start();
      await database.db
        .transaction(async (tx) => {
          await queue.send('test.count', { n: -1 }, { tx });
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await database.db.transaction(async (tx) => {
        await queue.send('test.count', { n: 0 }, { tx });
      });
      const [{ n }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = 'test.count'`);
      assert.equal(n, 1);
    });

    it('shares jobs between servers on one database and does each once', async () => {
      // A second server: on PostgreSQL its own connections to the same database.
      const other = backend === 'postgres' ? await openDatabase({ databaseUrl: database.url!, poolSize: 2 }) : database;
      const a = server(1);
      const b = server(2, other);
      for (let n = 1; n <= 20; n++) await a.send('test.count', { n });
      await Promise.all([a.startWorkers(), b.startWorkers()]);
      await eventually(async () => handled.filter((h) => h.n >= 0).length >= 21);
      // Once every job is marked completed none can be fetched again: a second run would already be in `handled`.
      await eventually(
        async () =>
          (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = 'test.count' and state <> 'completed'`))[0].n ===
          0,
      );
      const numbers = handled.map((h) => h.n).sort((x, y) => x - y);
      assert.deepEqual(numbers, [0, ...Array.from({ length: 20 }, (_, i) => i + 1)], 'every job once, none twice');
      await b.stop();
      if (other !== database) await other.close();
    });

    it('tries a failing job again with growing delays, then lists it as failed with the reason, and can retry it', async () => {
      const queue = server(3);
      await queue.startWorkers();
      await queue.send('test.flaky', { workspaceId: '00000000-0000-4000-8000-000000000001' });
      await eventually(async () => (await queue.failed('00000000-0000-4000-8000-000000000001')).length === 1);
      assert.equal(attempts, 3, 'the first attempt and two retries');
      const [failed] = await queue.failed('00000000-0000-4000-8000-000000000001');
      assert.match(failed.error, /Attempt 3 refused/);
      assert.deepEqual(await queue.failed('00000000-0000-4000-8000-000000000002'), [], 'another workspace sees none of it');
      const summary = (await queue.summary('00000000-0000-4000-8000-000000000001')).find((s) => s.name === 'test.flaky');
      assert.equal(summary?.failed, 1);
      assert.ok(await queue.retry('00000000-0000-4000-8000-000000000001', failed.id));
      await eventually(async () => attempts >= 4);
    });
  });
}

describe('e-mail that fails is tried again through the queue', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('pglite');
  });
  after(() => database.close());

  it('records the failure, then sends the message once the mail server accepts it', async () => {
    const smtp = await startSmtpServer({ reject: true });
    const queue = new JobQueue(database, { pollingIntervalSeconds: 0.5 });
    const mailer = createMailer(database.db, { smtpUrl: smtp.url, from: 'no-reply@bridgework.test', retryLater: (mail) => queue.send('mail.retry', mail) });
    queue.define({ ...mailRetryJob(mailer), retryDelay: 1 });
    await queue.startWorkers();
    const first = await mailer.send({ workspaceId: null, kind: 'test', to: 'later@example.org', subject: 'Second time lucky', text: 'x' });
    assert.equal(first.status, 'failed');
    smtp.rejecting = false;
    await eventually(async () => {
      const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'later@example.org'));
      return row.status === 'sent';
    });
    assert.equal(smtp.received.length, 1);
    await queue.stop();
    await mailer.close();
    await smtp.close();
  });
});
