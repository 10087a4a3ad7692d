import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { apiTokens } from './tables.ts';

/** A member's tokens, newest first (never the hash). */
export async function tokensOf(db: Executor, workspaceId: string, membershipId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      access: apiTokens.access,
      prefix: apiTokens.prefix,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.membershipId, membershipId)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function findToken(db: Executor, workspaceId: string, id: string) {
  const [token] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id)));
  return token;
}
