import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { Agent } from './support/agent.ts';

describe('error pages', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp({ config: loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent' }), database, logger: false });
    app.get('/boom', async () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    app.get('/api/v1/boom', async () => {
      throw new Error('secret internal detail');
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('shows a calm 500 page with a reference and no internals', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);
    assert.match(response.body, /Reference: req-/);
    assert.doesNotMatch(response.body, /hunter2|secret internal detail|at .*\.ts/);
  });

  it('answers the API with a JSON problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    assert.equal(response.statusCode, 500);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(Object.keys(response.json()).sort(), ['detail', 'status', 'title', 'type']);
    assert.doesNotMatch(response.body, /secret internal detail/);
  });

  it('shows a 404 page for unknown addresses', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere/<script>' });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page not found/);
    assert.doesNotMatch(response.body, /<script>/);
  });

  it('refuses an oversized form and an unknown content type with clear pages', async () => {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const big = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'a'.repeat(2_000_000)}`,
    });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /What you sent is too large/);
    const odd = await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-unknown' }, payload: 'x' });
    assert.equal(odd.statusCode, 415);
    assert.match(odd.body, /That kind of request is not accepted/);
  });

  it('sends security headers on every page', async () => {
    const response = await app.inject({ method: 'GET', url: '/sign-in' });
    assert.match(String(response.headers['content-security-policy']), /script-src 'self' 'nonce-/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
  });
});
