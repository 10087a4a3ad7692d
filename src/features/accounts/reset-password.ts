import { clearSignInFailures } from './sign-in.ts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { accounts, passwordResets } from '../../core/db/tables.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { endAllSessions } from './sessions.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { Mailer } from '../../core/mailer.ts';

/**
 * Send a reset link if the address has an account. The caller always shows the
 * same message, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, email: string, settings: { publicUrl: string; resetMinutes: number }): Promise<void> {
  const [account] = await db
    .select({ id: accounts.id, name: accounts.name, email: accounts.email })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, email.toLowerCase()));
  if (!account) return;
  const token = newToken();
  await db.insert(passwordResets).values({
    accountId: account.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + settings.resetMinutes * 60_000),
  });
  await mailer.send({
    workspaceId: null,
    kind: 'password_reset',
    to: account.email,
    subject: 'Reset your Bridgework password',
    text: [
      `Hello ${account.name},`,
      '',
      'Someone asked to reset the password for your Bridgework account. If it was you, open this link to choose a new password:',
      '',
      `${settings.publicUrl}/reset-password/${token}`,
      '',
      `The link works once, for ${settings.resetMinutes} minutes. If you did not ask, you can ignore this e-mail: your password has not changed.`,
    ].join('\n'),
  });
}

/** The account a reset link belongs to, if the link is still usable. */
export async function findUsableReset(db: Db, token: string) {
  if (token.length > 100) return undefined;
  const [reset] = await db
    .select({ id: passwordResets.id, accountId: passwordResets.accountId, email: accounts.email })
    .from(passwordResets)
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())));
  return reset;
}

/** Set the new password, spend the link, unlock the account and sign out every device. */
export async function resetPassword(db: Db, token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
      .returning({ accountId: passwordResets.accountId });
    if (!reset) return false;
    // Spending one link ends every other link the account was sent.
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.accountId, reset.accountId), isNull(passwordResets.usedAt)));
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(accounts.id, reset.accountId));
    await clearSignInFailures(tx, reset.accountId);
    await endAllSessions(tx, reset.accountId);
    return true;
  });
}
