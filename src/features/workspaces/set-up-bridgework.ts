import { sql } from 'drizzle-orm';
import { hashPassword } from '../../core/auth/passwords.ts';
import { refreshPlannerStatistics, type Db } from '../../core/db/client.ts';
import { ConflictError } from '../../core/http/errors.ts';
import { seedExampleWorkspace } from '../demo/seed.ts';
import { createWorkspace } from './create-workspace.ts';
import { countWorkspaces } from './queries.ts';
import { EXAMPLE_WORKSPACE_NAME, type SetupInput } from './schemas.ts';

// Setting up takes a transaction-scoped lock, so two people racing through set-up cannot both win.
const SETUP_LOCK_KEY = 7_316_004_212;

/**
 * First run: create the first workspace and its administrator, empty or with
 * the example data, in one transaction. There is no member yet to authorise:
 * whoever reaches a server with no workspace sets it up, once.
 */
export async function setUpBridgework(db: Db, input: SetupInput) {
  const passwordHash = await hashPassword(input.password);
  const example = input.start === 'example';
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if ((await countWorkspaces(tx)) > 0) throw new ConflictError('Bridgework has already been set up. Sign in instead.');
    const result = await createWorkspace(tx, {
      name: example ? input.workspaceName || EXAMPLE_WORKSPACE_NAME : input.workspaceName,
      isExample: example,
      admin: { name: input.name, email: input.email, passwordHash },
    });
    if (example) await seedExampleWorkspace(tx, { workspaceId: result.workspace.id, adminPersonId: result.personId, adminAccountId: result.accountId });
    return result;
  });
  // The example adds thousands of rows at once: the planner needs fresh figures for them.
  if (example) await refreshPlannerStatistics(db);
  return created;
}
