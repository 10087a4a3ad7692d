import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts } from '../../core/db/tables.ts';
import { verifyPassword } from '../../core/auth/passwords.ts';

export type SignInResult = { ok: true; accountId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; minutesLeft: number };

export interface LockoutSettings {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Check an e-mail and password. Repeated failures lock the account for a while;
 * while locked even the right password is refused, so guessing cannot continue.
 */
export async function signIn(db: Db, email: string, password: string, settings: LockoutSettings): Promise<SignInResult> {
  const [account] = await db
    .select({ id: accounts.id, passwordHash: accounts.passwordHash, lockedUntil: accounts.lockedUntil })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, email.toLowerCase()));
  const now = Date.now();
  if (account?.lockedUntil && account.lockedUntil.getTime() > now) {
    return { ok: false, reason: 'locked', minutesLeft: Math.ceil((account.lockedUntil.getTime() - now) / 60_000) };
  }
  const valid = await verifyPassword(account?.passwordHash ?? null, password);
  if (!account) return { ok: false, reason: 'invalid' };
  if (!valid) {
    // One statement, so two wrong guesses at once both count.
    const [updated] = await db
      .update(accounts)
      .set({
        failedSignIns: sql`CASE WHEN ${accounts.failedSignIns} + 1 >= ${settings.maxFailures} THEN 0 ELSE ${accounts.failedSignIns} + 1 END`,
        lockedUntil: sql`CASE WHEN ${accounts.failedSignIns} + 1 >= ${settings.maxFailures}
          THEN now() + make_interval(mins => ${settings.lockMinutes}) ELSE ${accounts.lockedUntil} END`,
      })
      .where(eq(accounts.id, account.id))
      .returning({ lockedUntil: accounts.lockedUntil });
    if (updated?.lockedUntil && updated.lockedUntil.getTime() > now) {
      return { ok: false, reason: 'locked', minutesLeft: settings.lockMinutes };
    }
    return { ok: false, reason: 'invalid' };
  }
  await db.update(accounts).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date() }).where(eq(accounts.id, account.id));
  return { ok: true, accountId: account.id };
}
