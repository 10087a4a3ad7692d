import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/client.ts';
import { accounts, workspaces } from '../../core/db/tables.ts';
import { hashToken } from '../../core/auth/tokens.ts';
import { HttpError } from '../../core/http/errors.ts';
import { memberships } from '../access/tables.ts';
import { apiTokens, type ApiAccess } from './tables.ts';
import { TOKEN_PREFIX } from './create-api-token.ts';

/** Last use is written at most once a minute per token: enough to show, without a write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class UnauthorisedError extends HttpError {
  constructor(message: string) {
    super(401, message, 'Sign in with an API token');
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What the API token behind this request may do. */
    apiAccess?: ApiAccess;
  }
}

/** The token from `Authorization: Bearer …`, if the header has the form. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Who an API request acts for: the token's member, in the token's workspace,
 * with their role, exactly as if they were signed in. Revoked, expired and
 * unknown tokens are all refused with the same 401, so nothing tells a guesser
 * which tokens exist.
 */
export async function authenticateApiRequest(db: Db, request: FastifyRequest, now = new Date()): Promise<void> {
  const token = bearerToken(request);
  if (!token) throw new UnauthorisedError('Send a personal API token as “Authorization: Bearer <token>”. Make one on the API tokens page.');
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) throw new UnauthorisedError('That token is not valid.');
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      access: apiTokens.access,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample },
      member: { membershipId: memberships.id, personId: memberships.personId, role: memberships.role },
      account: { id: accounts.id, email: accounts.email, name: accounts.name },
    })
    .from(apiTokens)
    .innerJoin(memberships, and(eq(memberships.workspaceId, apiTokens.workspaceId), eq(memberships.id, apiTokens.membershipId)))
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now))
    throw new UnauthorisedError('That token is not valid: it may have expired or been revoked.');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.workspaceId, row.workspace.id),
          eq(apiTokens.id, row.tokenId),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${new Date(now.getTime() - LAST_USED_RESOLUTION_MS)}`)),
        ),
      );
  }
  request.account = { ...row.account, sessionId: '', ssoWorkspaceIds: [] };
  request.workspace = row.workspace;
  request.member = row.member;
  request.apiAccess = row.access;
}
