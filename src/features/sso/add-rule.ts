import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { organisations } from '../organisations/tables.ts';
import { ssoPolicy } from './policy.ts';
import type { RuleInput } from './schemas.ts';
import { ssoRules } from './tables.ts';

/** Add a rule for who may join through single sign-on; it is tried after the ones already there. */
export function addRule(db: Db, ctx: OperationContext, input: RuleInput): Promise<string> {
  return runOperation(db, ctx, 'add a single sign-on rule', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(ssoPolicy.manage(member));
    let organisationName: string | undefined;
    if (input.organisationId) {
      const [organisation] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, input.organisationId)));
      if (!organisation) throw new RuleError('organisationId', 'Choose an organisation from the list');
      organisationName = organisation.name;
    }
    const byDomain = input.matchBy === 'domain';
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${ssoRules.position}), 0) + 1` })
      .from(ssoRules)
      .where(eq(ssoRules.workspaceId, workspaceId));
    const [rule] = await tx
      .insert(ssoRules)
      .values({
        workspaceId,
        position: Number(next),
        emailDomain: byDomain ? input.emailDomain : null,
        claimName: byDomain ? null : input.claimName,
        claimValue: byDomain ? null : input.claimValue,
        organisationId: input.organisationId || null,
        role: input.role,
      })
      .returning({ id: ssoRules.id });
    const matching = byDomain ? `email addresses at ${input.emailDomain}` : `${input.claimName} holding ${input.claimValue}`;
    await audit({
      action: 'sso.rule_added',
      entityType: 'workspace',
      entityId: workspaceId,
      summary: `Let people with ${matching} join as ${roleLabels[input.role].toLowerCase()}${organisationName ? ` of ${organisationName}` : ''}`,
    });
    return rule.id;
  });
}
