import { eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { privacyPolicy } from './policy.ts';
import { formatMonths } from '../../core/views/format.ts';
import { RETENTION_KINDS } from './retention.ts';
import type { PrivacySettingsInput } from './schemas.ts';
import { privacySettings, type RetentionKind } from './tables.ts';

/** Save the workspace's privacy notice and how long it keeps each kind of record. */
export function savePrivacySettings(db: Db, ctx: OperationContext, input: PrivacySettingsInput): Promise<void> {
  return runOperation(db, ctx, 'save the privacy settings', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(privacyPolicy.settings(member));
    const retention: Partial<Record<RetentionKind, number>> = {};
    for (const { kind } of RETENTION_KINDS) if (input[kind]) retention[kind] = Number(input[kind]);
    const values = { notice: input.notice.trim(), retention, updatedByPersonId: personIdOf(member), updatedAt: new Date() };
    const [before] = await tx.select().from(privacySettings).where(eq(privacySettings.workspaceId, workspaceId));
    await tx
      .insert(privacySettings)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: privacySettings.workspaceId, set: values });
    const said = RETENTION_KINDS.map(({ kind, label }) => `${label}: ${retention[kind] ? formatMonths(retention[kind]) : 'kept'}`).join('; ');
    await audit({
      action: 'privacy.settings_saved',
      entityType: 'workspace',
      entityId: workspaceId,
      summary: `Saved the privacy notice and retention (${said})`,
      changes: {
        retention: { from: before?.retention ?? {}, to: retention },
        ...(before?.notice !== values.notice ? { notice: { from: before?.notice ?? '', to: values.notice } } : {}),
      },
    });
  });
}
