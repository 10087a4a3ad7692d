import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/core/db/client.ts';
import { accounts } from '../../src/core/db/tables.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { memberships } from '../../src/features/access/tables.ts';
import { people } from '../../src/features/people/tables.ts';
import { createWorkspace } from '../../src/features/workspaces/create-workspace.ts';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const sharedHash = () => (passwordHash ??= hashPassword(PASSWORD));

const unique = () => randomBytes(3).toString('hex');

export interface TestUser {
  email: string;
  password: string;
  personId: string;
  accountId: string;
  name: string;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  name: string;
  admin: TestUser;
  base: string;
}

export async function createTestWorkspace(db: Db, name = `Test Partnership ${unique()}`): Promise<TestWorkspace> {
  const adminEmail = `admin-${unique()}@example.org`;
  const passwordHash = await sharedHash();
  const created = await db.transaction((tx) => createWorkspace(tx, { name, admin: { name: 'Alex Admin', email: adminEmail, passwordHash } }));
  return {
    id: created.workspace.id,
    slug: created.workspace.slug,
    name: created.workspace.name,
    base: `/w/${created.workspace.slug}`,
    admin: { email: adminEmail, password: PASSWORD, personId: created.personId, accountId: created.accountId, name: 'Alex Admin' },
  };
}

/** Someone with an account and a role in the workspace. */
export async function addMember(db: Db, workspaceId: string, role: Role, name = `Morgan ${role} ${unique()}`): Promise<TestUser> {
  const email = `${role}-${unique()}@example.org`;
  const [account] = await db
    .insert(accounts)
    .values({ email, name, passwordHash: await sharedHash() })
    .returning({ id: accounts.id });
  const [person] = await db.insert(people).values({ workspaceId, fullName: name, email }).returning({ id: people.id });
  await db.insert(memberships).values({ workspaceId, accountId: account.id, personId: person.id, role });
  return { email, password: PASSWORD, personId: person.id, accountId: account.id, name };
}
