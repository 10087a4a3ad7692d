import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { mailMessages } from './db/tables.ts';
import { createMailer } from './mailer.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { startSmtpServer } from '../../test/support/smtp.ts';

describe('mailer', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('pglite');
  });
  after(() => database.close());

  it('delivers through SMTP and records the message as sent', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer(database.db, { smtpUrl: smtp.url, from: 'Bridgework <no-reply@bridgework.test>' });
    const result = await mailer.send({ workspaceId: null, kind: 'test', to: 'naomi@example.org', subject: 'Hello from Bridgework', text: 'A test message' });
    await mailer.close();
    await smtp.close();
    assert.equal(result.status, 'sent');
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0].to, ['naomi@example.org']);
    assert.equal(smtp.received[0].from, 'no-reply@bridgework.test');
    assert.match(smtp.received[0].raw, /Subject: Hello from Bridgework/);
    assert.match(smtp.received[0].raw, /A test message/);
    const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'naomi@example.org'));
    assert.equal(row.status, 'sent');
    assert.ok(row.sentAt);
  });

  it('records a refused message as failed with the reason, without throwing', async () => {
    const smtp = await startSmtpServer({ reject: true });
    const mailer = createMailer(database.db, { smtpUrl: smtp.url, from: 'no-reply@bridgework.test' });
    const result = await mailer.send({ workspaceId: null, kind: 'test', to: 'refused@example.org', subject: 'Nope', text: 'x' });
    await mailer.close();
    await smtp.close();
    assert.equal(result.status, 'failed');
    const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'refused@example.org'));
    assert.equal(row.status, 'failed');
    assert.match(String(row.error), /Mailbox unavailable/);
  });

  it('keeps mail in the outbox when there is no SMTP server configured', async () => {
    const mailer = createMailer(database.db, { from: 'no-reply@bridgework.test' });
    assert.equal(mailer.delivers, false);
    const result = await mailer.send({ workspaceId: null, kind: 'test', to: 'kept@example.org', subject: 'Kept', text: 'x' });
    assert.equal(result.status, 'outbox');
    const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'kept@example.org'));
    assert.equal(row.status, 'outbox');
  });
});
