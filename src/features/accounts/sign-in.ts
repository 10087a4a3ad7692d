import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts, signInFailures } from '../../core/db/tables.ts';
import { verifyPassword } from '../../core/auth/passwords.ts';

export type SignInResult = { ok: true; accountId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; minutesLeft: number };

export interface LockoutSettings {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Check an e-mail and password. Repeated failures from one network address
 * pause that address's attempts on the account for a while (even the right
 * password is refused from there, so guessing cannot go on); the owner
 * signing in from anywhere else is not shut out, and a password reset clears
 * every pause. Each address is also held to a rate per minute by the route.
 */
export async function signIn(db: Db, email: string, password: string, address: string, settings: LockoutSettings): Promise<SignInResult> {
  const [account] = await db
    .select({ id: accounts.id, passwordHash: accounts.passwordHash, lockedUntil: signInFailures.lockedUntil })
    .from(accounts)
    .leftJoin(signInFailures, and(eq(signInFailures.accountId, accounts.id), eq(signInFailures.address, address)))
    .where(eq(sql`lower(${accounts.email})`, email.toLowerCase()));
  const now = Date.now();
  if (account?.lockedUntil && account.lockedUntil.getTime() > now) {
    return { ok: false, reason: 'locked', minutesLeft: Math.ceil((account.lockedUntil.getTime() - now) / 60_000) };
  }
  const valid = await verifyPassword(account?.passwordHash ?? null, password);
  if (!account) return { ok: false, reason: 'invalid' };
  if (!valid) {
    // One statement, so two wrong guesses at once both count.
    const reachesLimit = sql`${signInFailures.failures} + 1 >= ${settings.maxFailures}`;
    const [updated] = await db
      .insert(signInFailures)
      .values({
        accountId: account.id,
        address,
        failures: settings.maxFailures <= 1 ? 0 : 1,
        lockedUntil: settings.maxFailures <= 1 ? sql`now() + make_interval(mins => ${settings.lockMinutes})` : null,
      })
      .onConflictDoUpdate({
        target: [signInFailures.accountId, signInFailures.address],
        set: {
          failures: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${signInFailures.failures} + 1 END`,
          lockedUntil: sql`CASE WHEN ${reachesLimit} THEN now() + make_interval(mins => ${settings.lockMinutes}) ELSE ${signInFailures.lockedUntil} END`,
          updatedAt: new Date(),
        },
      })
      .returning({ lockedUntil: signInFailures.lockedUntil });
    if (updated?.lockedUntil && updated.lockedUntil.getTime() > now) {
      return { ok: false, reason: 'locked', minutesLeft: settings.lockMinutes };
    }
    return { ok: false, reason: 'invalid' };
  }
  await db.delete(signInFailures).where(and(eq(signInFailures.accountId, account.id), eq(signInFailures.address, address)));
  await db.update(accounts).set({ lastSignInAt: new Date() }).where(eq(accounts.id, account.id));
  return { ok: true, accountId: account.id };
}

/** A new password ends every pause on the account, wherever it came from. */
export async function clearSignInFailures(db: Pick<Db, 'delete'>, accountId: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.accountId, accountId));
}
