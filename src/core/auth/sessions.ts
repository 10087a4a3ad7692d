import { eq, lt, or, sql } from 'drizzle-orm';
import { preparedPerDatabase, type Db, type Executor } from '../db/client.ts';
import { accounts, passwordResets, sessions } from '../db/tables.ts';
import { hashToken, newToken } from './tokens.ts';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export interface SignedInAccount {
  id: string;
  email: string;
  name: string;
  sessionId: string;
}

// Touching last_seen_at on every request would write on every page view; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

export async function createSession(db: Executor, accountId: string, userAgent: string, settings: SessionSettings) {
  const token = newToken();
  const now = new Date();
  await db.insert(sessions).values({
    id: hashToken(token),
    accountId,
    userAgent: userAgent.slice(0, 300),
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.maxHours * 3_600_000),
  });
  return token;
}

const sessionLookup = preparedPerDatabase((db: Db) =>
  db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('bw_session_lookup'),
);

/** The account behind a session cookie, or undefined when the session is unknown, idle too long or expired. */
export async function resumeSession(db: Db, token: string, settings: SessionSettings): Promise<SignedInAccount | undefined> {
  const id = hashToken(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return undefined;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + settings.idleMinutes * 60_000 <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return undefined;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return { id: row.id, email: row.email, name: row.name, sessionId: row.sessionId };
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** After a password change or reset, every other device is signed out. */
export async function endAllSessions(db: Executor, accountId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}

/** Remove sessions that can no longer be used, and spent or stale reset links; the server runs this hourly. */
export async function purgeExpiredSessions(db: Executor, settings: SessionSettings): Promise<void> {
  const idleCutoff = new Date(Date.now() - settings.idleMinutes * 60_000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
  await db.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(Date.now() - 86_400_000)));
}

