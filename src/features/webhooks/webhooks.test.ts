import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { auditEvents, workspaceEvents } from '../../core/db/tables.ts';
import { lessons } from '../lessons/tables.ts';
import { deliverDue, dispatchEvents, MAX_ATTEMPTS } from './deliver-webhooks.ts';
import { isPublicAddress, OutboundRefused, postJson } from './outbound.ts';
import { webhookDeliveries, webhookEndpoints } from './tables.ts';

/** A system that receives webhooks: it keeps each request and answers with the status it is told. */
async function startReceiver() {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status, { 'content-type': 'text/plain' }).end(state.status < 300 ? 'thanks' : 'something broke here');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/bridgework`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, shared and reserved ranges, in IPv4 and IPv6, and allows the public internet', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255'])
      assert.equal(isPublicAddress(address), false, address);
    for (const address of ['::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1', 'not an address'])
      assert.equal(isPublicAddress(address), false, address);
    for (const address of ['8.8.8.8', '81.2.69.160', '2a00:1450:4009:81f::200e', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(address), true, address);
  });

  it('refuses to send to a private address, named or written out, unless the host is allowed', async () => {
    const receiver = await startReceiver();
    try {
      await assert.rejects(postJson(receiver.url, '{}', {}, new Set()), OutboundRefused);
      await assert.rejects(postJson(receiver.url.replace('http:', 'https:'), '{}', {}, new Set()), /127\.0\.0\.1 is a private address/);
      // A name is checked as it resolves, when the connection is made.
      await assert.rejects(postJson('https://localhost:9/x', '{}', {}, new Set()), /localhost resolves to a private address/);
      const answer = await postJson(receiver.url, '{"a":1}', {}, new Set(['127.0.0.1']));
      assert.equal(answer.status, 200);
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
    }
  });
});

for (const backend of testBackends()) {
  describe(`webhooks (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let endpointUrl: string;
    const deliver = () => deliverDue(t.db, t.config.outboundAllowedHosts);

    before(async () => {
      receiver = await startReceiver();
      ({ t, ws, admin } = await startWorkspaceTest(backend, { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' }));
    });
    after(async () => {
      await t.close();
      await receiver.close();
    });

    it('adds an endpoint, refusing addresses it may not send to with a reason, and shows its signing secret', async () => {
      await admin.get(`${ws.base}/webhooks`);
      const cases: Array<[Record<string, string | string[]>, RegExp]> = [
        [{ url: '', events: 'lesson.published' }, /Enter the address to send events to/],
        [{ url: 'not an address', events: 'lesson.published' }, /Enter a full address, starting https:\/\//],
        [{ url: 'http://hooks.example.org/in', events: 'lesson.published' }, /only sent encrypted/],
        [{ url: 'https://10.0.0.5/in', events: 'lesson.published' }, /private network/],
        [{ url: 'https://[::1]/in', events: 'lesson.published' }, /private network/],
        [{ url: 'https://someone:secret@hooks.example.org/in', events: 'lesson.published' }, /Leave the user name and password out/],
        [{ url: 'https://hooks.example.org/in' }, /Choose at least one event to send/],
        [{ url: 'https://hooks.example.org/in', events: 'everything' }, /Choose events from the list/],
      ];
      for (const [form, message] of cases) {
        const refused = await admin.post(`${ws.base}/webhooks`, form);
        assert.equal(refused.statusCode, 400, JSON.stringify(form));
        assertPageHas(refused.body, message);
      }
      assert.equal((await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id))).length, 0);

      const added = await admin.post(`${ws.base}/webhooks`, {
        url: receiver.url,
        description: 'Lessons channel',
        events: ['lesson.published', 'thread.solved'],
      });
      assert.equal(added.statusCode, 302, added.body);
      endpointUrl = String(added.headers.location);
      const page = await admin.get(endpointUrl);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, /Lessons channel/);
      assertPageHas(page.body, /whsec_[A-Za-z0-9+/=]{32}/);
      const list = await admin.get(`${ws.base}/webhooks`);
      assertPageHas(list.body, /A lesson is published; A community question is solved/);
      const [audit] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'webhook.created')));
      assert.ok(audit);
    });

    it('is for administrators only', async () => {
      const facilitator = await addMember(t.db, ws.id, 'facilitator');
      const agent = new Agent(t.app);
      await agent.signIn(facilitator.email, facilitator.password);
      assert.equal((await agent.get(`${ws.base}/webhooks`)).statusCode, 403);
      assert.equal((await agent.get(endpointUrl)).statusCode, 403);
      assert.equal((await agent.post(`${ws.base}/webhooks`, { url: receiver.url, events: 'lesson.published' })).statusCode, 403);
      assert.equal((await agent.post(`${endpointUrl}/test`)).statusCode, 403);
      assert.equal((await agent.post(`${endpointUrl}/delete`)).statusCode, 403);
    });

    it('sends a test event signed as Standard Webhooks says, and logs the answer', async () => {
      await admin.get(endpointUrl);
      assert.equal((await admin.post(`${endpointUrl}/test`)).statusCode, 302);
      const run = await deliver();
      assert.equal(run.delivered, 1);
      const request = receiver.received.at(-1)!;
      const [endpoint] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id));
      const event = new Webhook(endpoint.secret).verify(request.body, request.headers as Record<string, string>) as {
        type: string;
        workspace: { slug: string };
      };
      assert.equal(event.type, 'webhook.test');
      assert.equal(event.workspace.slug, ws.slug);
      assert.equal(request.headers['user-agent'], 'Bridgework-Webhooks/1');
      // Signed with another secret, the same request is refused by the receiver's check.
      assert.throws(() => new Webhook('whsec_' + Buffer.alloc(24, 1).toString('base64')).verify(request.body, request.headers as Record<string, string>));
      const page = await admin.get(endpointUrl);
      assertPageHas(page.body, /Delivered/);
      assertPageHas(page.body, /answered 200 in [\d,]+ ms/);
      assertPageHas(page.body, /&quot;type&quot;: &quot;webhook.test&quot;|"type": "webhook.test"/);
    });

    it('sends a lesson published on its page to the endpoint, with a link to it, and only the events asked for', async () => {
      const [lesson] = await t.db
        .insert(lessons)
        .values({ workspaceId: ws.id, title: 'Agree data sharing early', whatHappened: 'x', recommendation: 'Start with the legal basis.', status: 'reviewed' })
        .returning();
      const lessonPath = `${ws.base}/lessons/${lesson.id}`;
      await admin.get(lessonPath);
      assert.equal((await admin.post(`${lessonPath}/status`, { status: 'published' })).statusCode, 302);
      const [event] = await t.db
        .select()
        .from(workspaceEvents)
        .where(and(eq(workspaceEvents.workspaceId, ws.id), eq(workspaceEvents.type, 'lesson.published')));
      assert.equal(event.entityId, lesson.id);
      const before = receiver.received.length;
      assert.equal(await dispatchEvents(t.db, t.config.publicUrl), 1);
      assert.equal(await dispatchEvents(t.db, t.config.publicUrl), 0, 'an event is passed on once');
      assert.equal((await deliver()).delivered, 1);
      const body = JSON.parse(receiver.received[before].body) as { id: string; type: string; data: { lesson: { title: string; url: string } } };
      assert.equal(body.id, event.id);
      assert.equal(body.type, 'lesson.published');
      assert.equal(body.data.lesson.title, 'Agree data sharing early');
      assert.equal(body.data.lesson.url, `${t.config.publicUrl}${lessonPath}`);
      assert.equal(receiver.received[before].headers['webhook-id'], event.id);

      // An event the endpoint did not ask for is recorded but sent nowhere.
      await t.db.transaction((tx) =>
        tx.insert(workspaceEvents).values({ workspaceId: ws.id, type: 'round.closed', entityType: 'checkpoint_round', entityId: 'x', data: {} }),
      );
      assert.equal(await dispatchEvents(t.db, t.config.publicUrl), 0);
    });

    it('tries a failing endpoint again with growing waits, gives up after the last try, and can send again', async () => {
      receiver.state.status = 500;
      await admin.get(endpointUrl);
      await admin.post(`${endpointUrl}/test`);
      const first = await deliver();
      assert.equal(first.retrying, 1);
      assert.equal(first.nextRetryInSeconds, 30);
      const [waiting] = await t.db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.workspaceId, ws.id), eq(webhookDeliveries.state, 'pending')));
      assert.equal(waiting.attempts, 1);
      assert.equal((await deliver()).retrying, 0, 'not tried again before its time');
      const page = await admin.get(endpointUrl);
      assertPageHas(page.body, /Waiting/);
      assertPageHas(page.body, /answered 500 in [\d,]+ ms/);
      assertPageHas(page.body, /something broke here/);
      // Time passes: each try falls due in turn, until the last.
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        await t.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE workspace_id = ${ws.id} AND id = ${waiting.id}`);
        const run = await deliver();
        assert.equal(attempt < MAX_ATTEMPTS ? run.retrying : run.failed, 1, `try ${attempt}`);
      }
      const [failed] = await t.db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.workspaceId, ws.id), eq(webhookDeliveries.id, waiting.id)));
      assert.equal(failed.state, 'failed');
      assert.equal(failed.attempts, MAX_ATTEMPTS);
      assertPageHas((await admin.get(endpointUrl)).body, /Failed/);

      receiver.state.status = 204;
      const before = receiver.received.length;
      assert.equal((await admin.post(`${endpointUrl}/deliveries/${waiting.id}/send-again`)).statusCode, 302);
      assert.equal((await deliver()).delivered, 1);
      assert.equal(receiver.received[before].headers['webhook-id'], waiting.eventId, 'the same event, so the receiver can tell a repeat');
    });

    it('sends nothing to an endpoint turned off, changes its secret, and deletes it with its log', async () => {
      await admin.get(endpointUrl);
      const [before] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id));
      const bad = await admin.post(endpointUrl, { url: 'https://192.168.0.10/in', events: before.events, active: 'yes' });
      assert.equal(bad.statusCode, 400);
      assertPageHas(bad.body, /private network/);
      const off = await admin.post(endpointUrl, { url: receiver.url, description: 'Lessons channel', events: before.events, active: 'no' });
      assert.equal(off.statusCode, 302);
      await t.db.transaction((tx) =>
        tx.insert(workspaceEvents).values({ workspaceId: ws.id, type: 'lesson.published', entityType: 'lesson', entityId: 'x', data: {} }),
      );
      assert.equal(await dispatchEvents(t.db, t.config.publicUrl), 0);

      await admin.get(endpointUrl);
      assert.equal((await admin.post(`${endpointUrl}/secret`)).statusCode, 302);
      const [after] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id));
      assert.notEqual(after.secret, before.secret);
      assert.match(after.secret, /^whsec_/);

      await admin.get(endpointUrl);
      assert.equal((await admin.post(`${endpointUrl}/delete`)).statusCode, 302);
      assert.equal((await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id))).length, 0);
      assert.equal((await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id))).length, 0);
      assert.equal((await admin.get(endpointUrl)).statusCode, 404);
    });
  });
}
