import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectGarbageWhenQuiet, fullCollection } from './idle-memory.ts';

describe('memory handed back once the server is quiet', () => {
  let app: FastifyInstance;
  let collections = 0;

  before(async () => {
    // The clock is the test's: time passes only when the test says so, so nothing waits on a real timer.
    mock.timers.enable({ apis: ['setInterval', 'Date'] });
    app = Fastify();
    collectGarbageWhenQuiet(app, { quietMs: 200, collect: () => collections++ });
    app.get('/', async () => ({ ok: true }));
    await app.ready();
  });
  after(async () => {
    mock.timers.reset();
    await app.close();
  });

  it('collects nothing while no request has come', () => {
    mock.timers.tick(1000);
    assert.equal(collections, 0);
  });

  it('collects once after a busy spell, when no request has come for the quiet time', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await app.inject('/')).statusCode, 200);
    assert.equal(collections, 0, 'not while busy');
    mock.timers.tick(100);
    assert.equal(collections, 0, 'not before the quiet time');
    mock.timers.tick(200);
    assert.equal(collections, 1);
    mock.timers.tick(1000);
    assert.equal(collections, 1, 'once per quiet spell');
  });

  it('really forces a full collection', async () => {
    let forced = false;
    const seen = new Promise<void>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const flags = (entry as { detail?: { flags?: number } }).detail?.flags ?? 0;
          if (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) {
            forced = true;
            observer.disconnect();
            resolve();
          }
        }
      });
      observer.observe({ entryTypes: ['gc'] });
    });
    fullCollection()();
    await seen;
    assert.ok(forced);
  });
});
