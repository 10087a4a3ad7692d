import type { FastifyReply, FastifyRequest } from 'fastify';
import { resumeSession } from '../../core/auth/sessions.ts';

export const SESSION_COOKIE = 'bw_session';

export function sessionCookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
}

/** Load the signed-in account from the session cookie; an expired session just clears the cookie. */
export async function sessionHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return;
  const { db, config } = request.server.deps;
  const account = await resumeSession(db, token, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours });
  if (!account) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  request.account = account;
  request.sessionToken = token;
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
