import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe local defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, './data');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.cookieSecure, false);
    assert.equal(config.publicUrl, 'http://localhost:3000');
  });

  it('treats empty variables as unset and turns on secure cookies behind https', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://bridgework.example.org/' });
    assert.equal(config.port, 3000);
    assert.equal(config.cookieSecure, true);
    assert.equal(config.publicUrl, 'https://bridgework.example.org');
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PORT/.test(error.message) &&
        /DATABASE_URL must start with postgres/.test(error.message) &&
        /SMTP_URL/.test(error.message),
    );
  });

  it('insists on a session secret and public URL in production', () => {
    assert.throws(() => loadConfig({ APP_ENV: 'production' }), /SESSION_SECRET is required/);
    const config = loadConfig({ APP_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://bw.example.org' });
    assert.equal(config.env, 'production');
  });

  it('reads the hosts the server may reach on a private network (under either name) and the backup schedule, refusing what is malformed', () => {
    assert.deepEqual(
      [...loadConfig({ OUTBOUND_ALLOWED_HOSTS: 'idp.internal', WEBHOOK_ALLOWED_HOSTS: 'hooks.internal' }).outboundAllowedHosts],
      ['idp.internal', 'hooks.internal'],
    );
    const config = loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'Hooks.Internal, 10.0.0.7,[fd00::1]', BACKUP_DIR: '/var/backups/bw', BACKUP_KEEP: '30' });
    assert.deepEqual([...config.outboundAllowedHosts], ['hooks.internal', '10.0.0.7', 'fd00::1']);
    assert.deepEqual(config.backups, { dir: '/var/backups/bw', schedule: '30 2 * * *', keep: 30 });
    assert.equal(loadConfig({}).outboundAllowedHosts.size, 0);
    assert.throws(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'hooks.internal/path' }), /WEBHOOK_ALLOWED_HOSTS is a list of host names/);
    assert.throws(() => loadConfig({ OUTBOUND_ALLOWED_HOSTS: 'https://idp.internal' }), /OUTBOUND_ALLOWED_HOSTS is a list of host names/);
    assert.throws(() => loadConfig({ BACKUP_SCHEDULE: 'nightly' }), /BACKUP_SCHEDULE is a cron expression of five fields/);
    assert.throws(() => loadConfig({ BACKUP_KEEP: '0' }), /BACKUP_KEEP/);
  });
});
