import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { ssoPolicy } from './policy.ts';
import { ssoRules } from './tables.ts';

/** Remove a rule: nobody new joins by it; those who joined by it keep their access. */
export function removeRule(db: Db, ctx: OperationContext, ruleId: string): Promise<void> {
  return runOperation(db, ctx, 'remove a single sign-on rule', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(ssoPolicy.manage(member));
    const [removed] = await tx
      .delete(ssoRules)
      .where(and(eq(ssoRules.workspaceId, workspaceId), eq(ssoRules.id, ruleId)))
      .returning();
    if (!removed) throw new NotFoundError();
    await audit({
      action: 'sso.rule_removed',
      entityType: 'workspace',
      entityId: workspaceId,
      summary: `Removed the rule for ${removed.emailDomain ? `email addresses at ${removed.emailDomain}` : `${removed.claimName} holding ${removed.claimValue}`}`,
    });
  });
}
