import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { apiTokenPolicy } from './policy.ts';
import { findToken } from './queries.ts';
import { apiTokens } from './tables.ts';

/** Stop a token working at once; it stays listed, marked revoked, so its history can be read. */
export async function revokeApiToken(db: Db, ctx: OperationContext, id: string): Promise<string> {
  return runOperation(
    db,
    ctx,
    'revoke an API token',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      const token = await findToken(tx, workspaceId, id);
      if (!token) throw new NotFoundError();
      authorize(apiTokenPolicy.revoke(member, token));
      if (token.revokedAt) return token.name;
      await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id)));
      await audit({ action: 'api-token.revoked', entityType: 'api-token', entityId: id, summary: `Revoked the API token “${token.name}”` });
      return token.name;
    },
    { auditOptional: true },
  );
}
