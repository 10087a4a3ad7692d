import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectGarbageWhenQuiet } from './idle-memory.ts';

describe('memory handed back once the server is quiet', () => {
  let app: FastifyInstance;
  let forced = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const flags = (entry as { detail?: { flags?: number } }).detail?.flags ?? 0;
      if (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
    }
  });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  before(async () => {
    observer.observe({ entryTypes: ['gc'] });
    app = Fastify();
    collectGarbageWhenQuiet(app, { quietMs: 200 });
    app.get('/', async () => ({ ok: true }));
    await app.ready();
  });
  after(async () => {
    observer.disconnect();
    await app.close();
  });

  it('collects nothing while no request has come', async () => {
    await wait(500);
    assert.equal(forced, 0);
  });

  it('collects once after a busy spell, when no request has come for the quiet time', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await app.inject('/')).statusCode, 200);
    assert.equal(forced, 0, 'not while busy');
    for (let tries = 0; forced === 0 && tries < 150; tries++) await wait(20);
    assert.equal(forced, 1);
    await wait(500);
    assert.equal(forced, 1, 'once per quiet spell');
  });
});
