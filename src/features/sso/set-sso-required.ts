import { eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';
import { RuleError } from '../../core/http/errors.ts';
import { operatorMember, runOperation, type OperationContext } from '../../core/operations.ts';
import { ssoPolicy } from './policy.ts';
import { providerOf, ssoRequiredOf } from './queries.ts';

/**
 * Whether members must sign in through the workspace's provider. Turning
 * passwords off is refused unless the administrator is signed in through that
 * provider now: proof it works, so nobody is locked out by a typing mistake.
 * (An operator can always let passwords back in: `npm run cli -- allow-passwords`.)
 */
export function setSsoRequired(db: Db, ctx: OperationContext, required: boolean, signedInThroughSso: boolean): Promise<void> {
  return runOperation(
    db,
    ctx,
    'change how members sign in',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(ssoPolicy.manage(member));
      if ((await ssoRequiredOf(tx, workspaceId)) === required) return;
      if (required) {
        const provider = await providerOf(tx, workspaceId);
        if (!provider?.enabled) throw new RuleError('ssoRequired', 'Set up single sign-on and turn it on first');
        if (!signedInThroughSso && member !== operatorMember)
          throw new RuleError(
            'ssoRequired',
            `Sign in through ${provider.displayName} first (sign out, then use this workspace’s single sign-on link), so you know it works before passwords are turned off`,
          );
      }
      await tx.update(workspaces).set({ ssoRequired: required, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
      await audit({
        action: required ? 'sso.required' : 'sso.passwords_allowed',
        entityType: 'workspace',
        entityId: workspaceId,
        summary: required ? 'Members must now sign in through single sign-on' : 'Members may sign in with a password again',
        changes: { ssoRequired: { from: !required, to: required } },
      });
    },
    { auditOptional: true },
  );
}
