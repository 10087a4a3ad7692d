import { Agent } from './agent.ts';
import { buildTestApp, type TestApp } from './app.ts';
import type { Backend } from './database.ts';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from './factories.ts';
import assert from 'node:assert/strict';

/** The usual start of a feature test: the app on its own database, a workspace, and its administrator signed in (settings in `env`, such as SMTP_URL). */
export async function startWorkspaceTest(backend: Backend, env: Record<string, string> = {}): Promise<{ t: TestApp; ws: TestWorkspace; admin: Agent }> {
  const t = await buildTestApp(backend, { env });
  const ws = await createTestWorkspace(t.db);
  const admin = new Agent(t.app);
  await admin.signIn(ws.admin.email, ws.admin.password);
  return { t, ws, admin };
}

/** A test that starts from the example workspace, set up through the set-up page as a new user would: its administrator signed in, and the workspace's address. */
export async function startExampleTest(backend: Backend): Promise<{ t: TestApp; admin: Agent; home: string }> {
  const t = await buildTestApp(backend);
  const admin = new Agent(t.app);
  await admin.get('/setup');
  const created = await admin.post('/setup', {
    start: 'example',
    workspaceName: '',
    name: 'Alex Admin',
    email: 'alex@example.org',
    password: PASSWORD,
    confirmPassword: PASSWORD,
  });
  assert.equal(created.statusCode, 302, created.body);
  return { t, admin, home: String(created.headers.location) };
}
