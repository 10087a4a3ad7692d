import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import type { Round } from '../rounds/queries.ts';
import { checkpointBriefings } from './tables.ts';
import { briefingFacts, draftText, type Briefing } from './facts.ts';
import { findBriefing } from './queries.ts';

/** Draft (or redraft) the briefing's words from the returns. A shared briefing is never overwritten. */
export function generateBriefing(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, round: Round): Promise<Briefing> {
  return runOperation(db, ctx, 'draft a briefing', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const existing = await findBriefing(tx, workspaceId, round.id);
    if (existing?.status === 'shared') throw new RuleError('action', 'This briefing has been shared. Withdraw it first if it needs drafting again.', 409);
    const text = draftText(await briefingFacts(tx, workspaceId, programme, round), round);
    const updatedByPersonId = personIdOf(member);
    const [saved] = existing
      ? await tx
          .update(checkpointBriefings)
          .set({ ...text, updatedAt: new Date(), updatedByPersonId })
          .where(and(eq(checkpointBriefings.workspaceId, workspaceId), eq(checkpointBriefings.id, existing.id)))
          .returning()
      : await tx
          .insert(checkpointBriefings)
          .values({ workspaceId, programmeId: programme.id, roundId: round.id, ...text, updatedByPersonId })
          .returning();
    await audit({
      action: 'delivery.briefing_drafted',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Drafted the briefing for round ${round.number} (${round.title})`,
    });
    return saved;
  });
}
