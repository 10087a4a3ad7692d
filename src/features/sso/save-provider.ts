import type { Db } from '../../core/db/client.ts';
import { authorize as allowedOr403, RuleError } from '../../core/http/errors.ts';
import type { AllowedHosts } from '../../core/http/outbound.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { ssoPolicy } from './policy.ts';
import { checkProvider } from './provider.ts';
import { providerOf, ssoRequiredOf } from './queries.ts';
import type { ProviderInput } from './schemas.ts';
import { ssoProviders } from './tables.ts';

/**
 * Save the workspace's provider. Its settings are read from the issuer first
 * (outside the transaction: a slow provider must not hold the database), so a
 * mistyped address is caught here, not when someone tries to sign in.
 */
export async function saveProvider(db: Db, ctx: OperationContext, input: ProviderInput, allowedHosts: AllowedHosts): Promise<void> {
  allowedOr403(ssoPolicy.manage(ctx.member));
  const saved = await providerOf(db, ctx.workspace.id);
  const clientSecret = input.clientSecret || saved?.clientSecret;
  if (!clientSecret) throw new RuleError('clientSecret', 'Enter the client secret the provider gave when the application was registered');
  const issuerUrl = input.issuerUrl.replace(/\/+$/, '');
  const problem = await checkProvider({ issuerUrl, clientId: input.clientId, clientSecret }, allowedHosts);
  if (problem) throw new RuleError('issuerUrl', `Could not read the provider’s settings from ${issuerUrl}: ${problem}`);

  await runOperation(db, ctx, 'save the single sign-on provider', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(ssoPolicy.manage(member));
    const enabled = input.enabled === 'yes';
    if (!enabled) {
      if (await ssoRequiredOf(tx, workspaceId))
        throw new RuleError('enabled', 'Members can only sign in through single sign-on. Let them sign in with a password again before turning it off.');
    }
    const values = {
      displayName: input.displayName,
      issuerUrl,
      clientId: input.clientId,
      clientSecret,
      enabled,
      updatedByPersonId: personIdOf(member),
      updatedAt: new Date(),
    };
    await tx
      .insert(ssoProviders)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: ssoProviders.workspaceId, set: values });
    const changed = saved
      ? Object.fromEntries(
          (['displayName', 'issuerUrl', 'clientId', 'enabled'] as const)
            .filter((key) => saved[key] !== values[key])
            .map((key) => [key, { from: saved[key], to: values[key] }]),
        )
      : {};
    if (saved && saved.clientSecret !== clientSecret) changed.clientSecret = { from: 'a secret', to: 'a new secret' };
    await audit({
      action: saved ? 'sso.provider_changed' : 'sso.provider_added',
      entityType: 'workspace',
      entityId: workspaceId,
      summary: `${saved ? 'Changed' : 'Set up'} single sign-on through ${input.displayName} (${issuerUrl})${enabled ? '' : ', turned off'}`,
      changes: changed,
    });
  });
}
