import type { Db } from '../../core/db/client.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import { ForbiddenError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { apiTokenPolicy } from './policy.ts';
import type { ApiTokenInput } from './schemas.ts';
import { apiTokens } from './tables.ts';

/** Every token starts so, so secret scanners and people can recognise one. */
export const TOKEN_PREFIX = 'bw_';

/** Make a token for the member asking; returns the token itself, which is never stored or shown again. */
export async function createApiToken(db: Db, ctx: OperationContext, input: ApiTokenInput, now = new Date()): Promise<{ id: string; token: string }> {
  return runOperation(db, ctx, 'make an API token', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(apiTokenPolicy.create(member));
    if (input.access === 'read-write' && !apiTokenPolicy.write(member)) {
      throw new ForbiddenError('Your role lets you read, not change, so your tokens can only read.');
    }
    const token = `${TOKEN_PREFIX}${newToken()}`;
    const expiresAt = new Date(now.getTime() + Number(input.lifetimeDays) * 86_400_000);
    const [created] = await tx
      .insert(apiTokens)
      .values({
        workspaceId,
        membershipId: member.membershipId,
        name: input.name,
        access: input.access,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await audit({
      action: 'api-token.created',
      entityType: 'api-token',
      entityId: created.id,
      summary: `Made the API token “${input.name}” (${input.access === 'read' ? 'read only' : 'read and write'})`,
    });
    return { id: created.id, token };
  });
}
