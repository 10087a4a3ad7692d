import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import type { Round } from '../rounds/queries.ts';
import { checkpointBriefings } from './tables.ts';
import type { BriefingTextField } from './facts.ts';
import { findBriefing } from './queries.ts';

export type BriefingChange = { words: Record<BriefingTextField, string> } | { share: boolean };

/** Edit a drafted briefing's words, or share it with the department and every site (or withdraw it). */
export function saveBriefing(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, round: Round, change: BriefingChange): Promise<void> {
  return runOperation(db, ctx, 'save a briefing', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const existing = await findBriefing(tx, workspaceId, round.id);
    if (!existing) throw new RuleError('action', 'Generate the briefing first.', 409);
    const share = 'share' in change ? change.share : undefined;
    const status = share === undefined ? existing.status : share ? 'shared' : 'draft';
    await tx
      .update(checkpointBriefings)
      .set({
        ...('words' in change ? change.words : {}),
        status,
        sharedAt: status === 'shared' ? (existing.sharedAt ?? new Date()) : null,
        updatedAt: new Date(),
        updatedByPersonId: personIdOf(member),
      })
      .where(and(eq(checkpointBriefings.workspaceId, workspaceId), eq(checkpointBriefings.id, existing.id)));
    await audit({
      action: share ? 'delivery.briefing_shared' : share === false ? 'delivery.briefing_withdrawn' : 'delivery.briefing_edited',
      entityType: 'programme',
      entityId: programme.id,
      summary: `${share ? 'Shared' : share === false ? 'Withdrew' : 'Edited'} the briefing for round ${round.number} (${round.title})`,
    });
  });
}
