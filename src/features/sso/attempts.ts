import { and, eq, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Executor } from '../../core/db/client.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import { ssoAttempts } from './tables.ts';

/** How long someone has at the provider before the sign-in must start again. */
export const ATTEMPT_MINUTES = 10;

/** Begin a sign-in: the values the provider's answer must match, kept until it comes back (and at most ATTEMPT_MINUTES). */
export async function startAttempt(db: Executor, workspaceId: string, nextPath: string | undefined) {
  const token = newToken();
  const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  await db.insert(ssoAttempts).values({
    id: hashToken(token),
    workspaceId,
    ...attempt,
    nextPath: nextPath ?? null,
    expiresAt: new Date(Date.now() + ATTEMPT_MINUTES * 60_000),
  });
  return { token, ...attempt };
}

/** The attempt a browser's cookie names, used up as it is read; undefined when there is none or it has expired. */
export async function takeAttempt(db: Executor, workspaceId: string, token: string) {
  const [attempt] = await db
    .delete(ssoAttempts)
    .where(and(eq(ssoAttempts.workspaceId, workspaceId), eq(ssoAttempts.id, hashToken(token))))
    .returning();
  return attempt && attempt.expiresAt.getTime() > Date.now() ? attempt : undefined;
}

/** Attempts nobody came back from, in every workspace; the server runs this hourly. */
export async function purgeExpiredAttempts(db: Executor): Promise<void> {
  await db.delete(ssoAttempts).where(lt(ssoAttempts.expiresAt, new Date()));
}
