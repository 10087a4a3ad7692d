import type { Db } from '../../../core/db/client.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { roundAutomation } from '../tables.ts';
import { describeAutomation, type RoundAutomation } from './automation.ts';

/** What Bridgework does on its own for the programme's rounds: open them, remind before the due date, chase after it. */
export function saveRoundAutomation(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, settings: RoundAutomation): Promise<void> {
  return runOperation(db, ctx, 'change the rounds’ automatic e-mails', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    await tx
      .insert(roundAutomation)
      .values({ workspaceId, programmeId: programme.id, ...settings })
      .onConflictDoUpdate({ target: [roundAutomation.programmeId, roundAutomation.workspaceId], set: { ...settings, updatedAt: new Date() } });
    await audit({
      action: 'delivery.automation_changed',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Rounds of ${programme.name}: ${describeAutomation(settings)}`,
    });
  });
}
