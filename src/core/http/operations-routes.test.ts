import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';

const METRICS_TOKEN = 'a-metrics-token-for-tests';

for (const backend of testBackends()) {
  describe(`health, readiness and metrics (${backend})`, () => {
    let t: TestApp;

    before(async () => {
      t = await buildTestApp(backend, { env: { METRICS_TOKEN } });
    });
    after(() => t.close());

    it('says the process is alive, without a session', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok', database: backend });
      assert.equal(response.headers['set-cookie'], undefined);
    });

    it('is ready when the database answers, every migration is applied and the queue runs', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(response.statusCode, 200);
      const body = response.json<{ status: string; checks: Record<string, { ok: boolean; detail: string }> }>();
      assert.equal(body.status, 'ready');
      assert.ok(body.checks.database.ok && body.checks.migrations.ok && body.checks.queue.ok);
      assert.match(body.checks.migrations.detail, /^(\d+) of \1 applied$/);
    });

    it('serves Prometheus metrics to the holder of the token only', async () => {
      await t.app.inject({ method: 'GET', url: '/' });
      await t.app.inject({ method: 'GET', url: '/no-such-page' });
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-same-len' } })).statusCode, 401);
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
      const text = response.body;
      assert.match(text, /bridgework_http_requests_total\{method="GET",route="\/",status="302"\} 1/, 'the home address sends a new installation to set-up');
      // An address no route matches is counted under one label, so ids and guesses cannot multiply the series.
      assert.match(text, /bridgework_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
      assert.match(text, /bridgework_http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/"\} \d+/);
      assert.match(text, /# TYPE bridgework_http_errors_total counter/);
      assert.match(text, /# TYPE bridgework_jobs gauge/);
      assert.match(text, /process_cpu_user_seconds_total/);
      if (backend === 'postgres') assert.match(text, /bridgework_database_connections\{state="total"\} \d+/);
      assert.doesNotMatch(text, /route="\/(health|ready|metrics)"/, 'the probes themselves are not counted');
    });

    it('is not ready while a migration of this release is missing', async () => {
      await t.database.executeSql('delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)', []);
      const response = await t.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(response.statusCode, 503);
      const body = response.json<{ status: string; checks: Record<string, { ok: boolean; detail: string }> }>();
      assert.equal(body.status, 'not ready');
      assert.equal(body.checks.migrations.ok, false);
      assert.equal(body.checks.database.ok, true);
    });
  });
}
