import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { notificationPolicy } from './policy.ts';
import { scopesOf } from './queries.ts';
import type { SettingsInput } from './schemas.ts';
import { notificationSettings, type EmailFrequency } from './tables.ts';

const frequencyWords: Record<EmailFrequency, string> = {
  immediately: 'straight away',
  daily: 'in a daily digest',
  weekly: 'in a weekly digest',
  never: 'never',
};
export const describeFrequency = (frequency: EmailFrequency) => frequencyWords[frequency];

/** Write one setting: the person's own (no scope) or one community's; null removes a community's own choice. */
export async function writeSetting(
  tx: Executor,
  workspaceId: string,
  personId: string,
  scope: { kind: string; id: string } | null,
  frequency: EmailFrequency | null,
): Promise<void> {
  const where = and(
    eq(notificationSettings.workspaceId, workspaceId),
    eq(notificationSettings.personId, personId),
    scope ? eq(notificationSettings.scopeKind, scope.kind) : isNull(notificationSettings.scopeKind),
    scope ? eq(notificationSettings.scopeId, scope.id) : isNull(notificationSettings.scopeId),
  );
  await tx.delete(notificationSettings).where(where);
  if (frequency) await tx.insert(notificationSettings).values({ workspaceId, personId, scopeKind: scope?.kind ?? null, scopeId: scope?.id ?? null, frequency });
}

/** A person's e-mail settings: their own frequency and, for communities they are in, a different one where they chose. */
export function saveNotificationSettings(db: Db, ctx: OperationContext, input: SettingsInput): Promise<void> {
  return runOperation(db, ctx, 'save e-mail settings', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(notificationPolicy.own(member));
    const theirs = new Set((await scopesOf(tx, workspaceId, member.personId)).map((scope) => `${scope.kind}:${scope.id}`));
    for (const scope of input.scopes) {
      if (!theirs.has(`${scope.kind}:${scope.id}`))
        throw new RuleError(`scope-${scope.kind}-${scope.id}`, 'You are no longer in that community: reload the page.');
    }
    await writeSetting(tx, workspaceId, member.personId, null, input.frequency);
    for (const scope of input.scopes) await writeSetting(tx, workspaceId, member.personId, scope, scope.frequency);
    const differing = input.scopes.filter((scope) => scope.frequency && scope.frequency !== input.frequency).length;
    await audit({
      action: 'notifications.settings_saved',
      entityType: 'person',
      entityId: member.personId,
      summary: `E-mail about notifications: ${describeFrequency(input.frequency)}${differing ? `, with ${differing} ${differing === 1 ? 'community' : 'communities'} set differently` : ''}`,
    });
  });
}
