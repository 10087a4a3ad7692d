import { Agent } from './agent.ts';
import { buildTestApp, type TestApp } from './app.ts';
import type { Backend } from './database.ts';
import { createTestWorkspace, type TestWorkspace } from './factories.ts';

/** The usual start of a feature test: the app on its own database, a workspace, and its administrator signed in. */
export async function startWorkspaceTest(backend: Backend): Promise<{ t: TestApp; ws: TestWorkspace; admin: Agent }> {
  const t = await buildTestApp(backend);
  const ws = await createTestWorkspace(t.db);
  const admin = new Agent(t.app);
  await admin.signIn(ws.admin.email, ws.admin.password);
  return { t, ws, admin };
}
