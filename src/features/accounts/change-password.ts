import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts, sessions } from '../../core/db/tables.ts';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.ts';

/** Change a password after checking the current one; other devices are signed out, this one stays. */
export async function changePassword(db: Db, accountId: string, currentSessionId: string, current: string, next: string): Promise<boolean> {
  const [account] = await db.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId));
  if (!account || !(await verifyPassword(account.passwordHash, current))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(accounts.id, accountId));
    await tx.delete(sessions).where(and(eq(sessions.accountId, accountId), ne(sessions.id, currentSessionId)));
  });
  return true;
}
