import { and, eq, lt, or, sql } from 'drizzle-orm';
import { preparedPerDatabase, type Db, type Executor } from '../../core/db/client.ts';
import { accounts, passwordResets, sessions, workspaces } from '../../core/db/tables.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { Member, SignedInAccount, WorkspaceRef } from '../../core/http/context.ts';
import { memberships } from '../access/tables.ts';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

// Touching last_seen_at on every request would write on every page view; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

export async function createSession(db: Executor, accountId: string, userAgent: string, settings: SessionSettings, ssoWorkspaceIds: string[] = []) {
  const token = newToken();
  const now = new Date();
  await db.insert(sessions).values({
    id: hashToken(token),
    accountId,
    userAgent: userAgent.slice(0, 300),
    ssoWorkspaceIds,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.maxHours * 3_600_000),
  });
  return token;
}

const sessionColumns = {
  sessionId: sessions.id,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  id: accounts.id,
  email: accounts.email,
  name: accounts.name,
  ssoWorkspaceIds: sessions.ssoWorkspaceIds,
};

const sessionLookup = preparedPerDatabase((db: Db) =>
  db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('bw_session_lookup'),
);

/**
 * The session and, for a page inside a workspace, the workspace and this
 * account's membership of it: one round trip where there would be two on
 * nearly every request.
 */
const sessionAndMembershipLookup = preparedPerDatabase((db: Db) =>
  db
    .select({
      ...sessionColumns,
      workspaceId: workspaces.id,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      workspaceIsExample: workspaces.isExample,
      workspaceSsoRequired: workspaces.ssoRequired,
      membershipId: memberships.id,
      personId: memberships.personId,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(workspaces, eq(workspaces.slug, sql.placeholder('slug')))
    .leftJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.accountId, accounts.id)))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('bw_session_membership_lookup'),
);

/**
 * A workspace and the signed-in account's membership of it; null when the
 * account is not a member (or there is no such workspace). `ssoRequired` says
 * the workspace only admits sessions its own single sign-on started.
 */
export type WorkspaceMembership = { workspace: WorkspaceRef; member: Member; ssoRequired: boolean } | null;

export interface ResumedSession {
  account: SignedInAccount;
  /** Present when a workspace slug was asked about. */
  membership?: WorkspaceMembership;
}

/** Whether a looked-up session may still be used: expired or idle ones are deleted; live ones are touched now and then. */
async function stillValid(db: Db, id: string, row: { lastSeenAt: Date; expiresAt: Date } | undefined, settings: SessionSettings): Promise<boolean> {
  if (!row) return false;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + settings.idleMinutes * 60_000 <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return false;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return true;
}

const accountOf = (row: SignedInAccount): SignedInAccount => ({
  id: row.id,
  email: row.email,
  name: row.name,
  sessionId: row.sessionId,
  ssoWorkspaceIds: row.ssoWorkspaceIds,
});

/**
 * The account behind a session cookie, or undefined when the session is
 * unknown, idle too long or expired. Given a workspace slug, it also says
 * whether the account is a member there.
 */
export async function resumeSession(db: Db, token: string, settings: SessionSettings, workspaceSlug?: string): Promise<ResumedSession | undefined> {
  const id = hashToken(token);
  if (workspaceSlug === undefined) {
    const [row] = await sessionLookup(db).execute({ id });
    return (await stillValid(db, id, row, settings)) ? { account: accountOf(row) } : undefined;
  }
  const [row] = await sessionAndMembershipLookup(db).execute({ id, slug: workspaceSlug });
  if (!(await stillValid(db, id, row, settings))) return undefined;
  const { workspaceId, workspaceSlug: slug, workspaceName, workspaceIsExample, workspaceSsoRequired, membershipId, personId, role } = row;
  const membership =
    workspaceId && slug && workspaceName && membershipId && personId && role
      ? {
          workspace: { id: workspaceId, slug, name: workspaceName, isExample: workspaceIsExample ?? false },
          member: { membershipId, personId, role },
          ssoRequired: workspaceSsoRequired ?? false,
        }
      : null;
  return { account: accountOf(row), membership };
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
