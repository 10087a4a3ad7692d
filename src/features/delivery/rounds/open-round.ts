import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { sitesOf } from '../sites/queries.ts';
import { checkpointRounds } from '../tables.ts';
import type { Round } from './queries.ts';
import { roundRecipients, sendRoundMail, type RoundMailDeps } from './round-mail.ts';

/**
 * Open a round and e-mail its sites (not when reopening a closed round). The
 * change applies only if the round is still as it was read, so two
 * facilitators pressing Open at once, or a facilitator and the schedule,
 * send one set of e-mails. `how` says in the audit log what prompted it.
 */
export async function openRound(
  db: Db,
  deps: RoundMailDeps,
  ctx: OperationContext,
  access: DeliveryAccess,
  programme: Programme,
  round: Round,
  how = '',
): Promise<number> {
  const recipients = await runOperation(db, ctx, 'open a checkpoint round', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    if (round.status === 'open') throw new RuleError('status', `${round.title} is already open.`);
    const changed = await tx
      .update(checkpointRounds)
      .set({ status: 'open', openedAt: round.openedAt ?? new Date() })
      .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.id, round.id), eq(checkpointRounds.status, round.status)))
      .returning({ id: checkpointRounds.id });
    if (!changed.length) throw new RuleError('status', `${round.title} was opened or closed by someone else a moment ago. Look at it again before going on.`);
    await audit({
      action: 'delivery.round_opened',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Opened checkpoint round ${round.number} (${round.title})${how}`,
    });
    // Reopening a closed round sends nothing: its sites heard when it first opened.
    if (round.status === 'closed') return [];
    return roundRecipients(tx, workspaceId, await sitesOf(tx, workspaceId, programme.id, { contacts: false }));
  });
  return sendRoundMail(deps, ctx.workspace, programme, round, recipients, false);
}
