import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { checkpointRounds } from '../tables.ts';
import type { Round } from './queries.ts';

/** Close an open round: its returns can no longer change, and the briefing can be written from them. */
export function closeRound(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, round: Round): Promise<void> {
  return runOperation(db, ctx, 'close a checkpoint round', async ({ tx, workspaceId, authorize, audit, publish }) => {
    authorize(deliveryPolicy.manage(access));
    const changed = await tx
      .update(checkpointRounds)
      .set({ status: 'closed' })
      .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.id, round.id), eq(checkpointRounds.status, 'open')))
      .returning({ id: checkpointRounds.id });
    if (!changed.length) throw new RuleError('status', `${round.title} is not open.`);
    await audit({
      action: 'delivery.round_closed',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Closed checkpoint round ${round.number} (${round.title})`,
    });
    await publish({
      type: 'round.closed',
      entityType: 'checkpoint_round',
      entityId: round.id,
      data: {
        round: {
          id: round.id,
          number: round.number,
          title: round.title,
          path: `/w/${ctx.workspace.slug}/programmes/${programme.id}/delivery/rounds/${round.number}`,
        },
        programme: { id: programme.id, name: programme.name },
      },
    });
  });
}
