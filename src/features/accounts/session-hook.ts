import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, endSession, resumeSession, type WorkspaceMembership } from './sessions.ts';
import { workspaceSlugParams } from '../../core/http/route-schemas.ts';

export const SESSION_COOKIE = 'bw_session';

export function sessionCookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace in the URL and the account's membership, when the session hook looked them up with the session. */
    workspaceMembership?: WorkspaceMembership;
  }
}

/**
 * Load the signed-in account from the session cookie; an expired session just
 * clears the cookie. On a page inside a workspace, the membership comes in the
 * same query, for the workspace scope to use.
 */
export async function sessionHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return;
  const { db, config } = request.server.deps;
  const inWorkspace = workspaceSlugParams.safeParse(request.params);
  const workspaceSlug = inWorkspace.success ? inWorkspace.data.workspaceSlug : undefined;
  const resumed = await resumeSession(db, token, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }, workspaceSlug);
  if (!resumed) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  request.account = resumed.account;
  request.sessionToken = token;
  request.workspaceMembership = resumed.membership;
}

/** For pages that need a signed-in person: send everyone else to sign in and back again. */
export async function requireAccount(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.account) return;
  const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/sign-in${next}`);
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value.length <= 500 ? value : undefined;
}

/** The cookie that holds the CSRF secret (see app.ts). */
export const CSRF_COOKIE = 'bw_csrf';

/**
 * Start a session for an account and set its cookie; used by sign-in (password or single sign-on), set-up and
 * accepting invitations. Signing the same account in through another workspace's single sign-on keeps the
 * workspaces it had already been through.
 */
export async function startSession(request: FastifyRequest, reply: FastifyReply, accountId: string, through: { ssoWorkspaceId?: string } = {}): Promise<void> {
  const { db, config } = request.server.deps;
  if (request.sessionToken) await endSession(db, request.sessionToken);
  const token = await createSession(
    db,
    accountId,
    request.headers['user-agent'] ?? '',
    { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    through.ssoWorkspaceId ? [...new Set([...(request.account?.id === accountId ? request.account.ssoWorkspaceIds : []), through.ssoWorkspaceId])] : [],
  );
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.cookieSecure, config.sessionMaxHours * 3600));
  // A new CSRF secret with the new session: one planted in the browser before sign-in is worth nothing after it.
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
