import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { addRequestGate } from './request-gate.ts';

describe('pages taking turns (the PGlite request gate)', () => {
  let app: FastifyInstance;
  let base: string;
  let gate: ReturnType<typeof addRequestGate>;
  let running = 0;
  let mostAtOnce = 0;
  const order: string[] = [];
  let arrivals = 0;
  let letGo = () => {};
  let held = Promise.resolve();

  before(async () => {
    app = Fastify();
    app.addHook('onRequest', (_request, _reply, done) => {
      arrivals++;
      done();
    });
    gate = addRequestGate(app, { limit: 2, applies: (request) => request.method === 'GET' && request.url !== '/health' });
    app.get('/slow/:name', async (request) => {
      const { name } = request.params as { name: string };
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      order.push(name);
      await new Promise((resolve) => setTimeout(resolve, 60));
      running--;
      return { name };
    });
    // Holds its turn until the test lets go, so what is checked meanwhile does not depend on timing.
    app.get('/held', async () => {
      await held;
      return { ok: true };
    });
    app.get('/fails', async () => {
      throw new Error('broken page');
    });
    app.get('/health', async () => ({ ok: true }));
    app.post('/form', async () => ({ saved: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(() => app.close());

  /** Wait (up to 2 s) until a condition holds, rather than a fixed time that a busy machine may overrun. */
  const until = async (condition: () => boolean) => {
    for (let tries = 0; !condition() && tries < 1000; tries++) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  const idle = () => gate.inProgress === 0 && gate.waiting === 0;

  it('lets at most the limit in at once and the rest in arrival order', async () => {
    order.length = 0;
    mostAtOnce = 0;
    const names = ['a', 'b', 'c', 'd', 'e'];
    const answers: Promise<Response>[] = [];
    for (const name of names) {
      const arrived = arrivals;
      answers.push(fetch(`${base}/slow/${name}`));
      await until(() => arrivals > arrived);
    }
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).json() as Promise<{ name: string }>));
    assert.deepEqual(
      bodies.map((body) => body.name),
      names,
    );
    assert.equal(mostAtOnce, 2);
    assert.deepEqual(order, names);
    await until(idle);
    assert.deepEqual({ inProgress: gate.inProgress, waiting: gate.waiting }, { inProgress: 0, waiting: 0 });
  });

  it('frees the turn of a page that fails', async () => {
    const answers = await Promise.all([fetch(`${base}/fails`), fetch(`${base}/fails`), fetch(`${base}/fails`)]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [500, 500, 500],
    );
    assert.equal((await fetch(`${base}/slow/after`)).status, 200);
    await until(idle);
    assert.equal(gate.inProgress, 0);
  });

  it('takes a client that gives up out of the line, and frees the turn of one that leaves mid-page', async () => {
    const abandon = (path: string) =>
      new Promise<void>((resolve) => {
        const request = http.get(`${base}${path}`);
        request.on('error', () => resolve());
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 15);
      });
    // Two leave mid-page (they hold the turns), two leave while waiting.
    await Promise.all([abandon('/slow/x1'), abandon('/slow/x2'), abandon('/slow/x3'), abandon('/slow/x4')]);
    await until(idle);
    assert.deepEqual({ inProgress: gate.inProgress, waiting: gate.waiting }, { inProgress: 0, waiting: 0 });
    assert.equal(((await (await fetch(`${base}/slow/later`)).json()) as { name: string }).name, 'later');
  });

  it('lets forms and the health check straight through, even when every turn is taken', async () => {
    held = new Promise<void>((resolve) => (letGo = resolve));
    const busy = [fetch(`${base}/held`), fetch(`${base}/held`), fetch(`${base}/held`)];
    await until(() => gate.waiting === 1);
    assert.equal(gate.waiting, 1);
    const form = await fetch(`${base}/form`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.deepEqual(await form.json(), { saved: true });
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal(gate.waiting, 1, 'the waiting page is still waiting: the form did not jump a turn it did not need');
    letGo();
    assert.deepEqual(await Promise.all(busy.map((answer) => answer.then((response) => response.status))), [200, 200, 200]);
  });
});
