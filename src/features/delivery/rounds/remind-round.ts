import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { sitesOf } from '../sites/queries.ts';
import { checkpointRounds } from '../tables.ts';
import { roundTracker, type Round } from './queries.ts';
import { roundRecipients, sendRoundMail, type RoundMailDeps } from './round-mail.ts';

/** Remind every site that has not submitted an open round's return; `how` says in the audit log what prompted it. */
export async function remindRound(
  db: Db,
  deps: RoundMailDeps,
  ctx: OperationContext,
  access: DeliveryAccess,
  programme: Programme,
  round: Round,
  how = '',
): Promise<number> {
  const recipients = await runOperation(db, ctx, 'remind the sites of a round', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    if (round.status !== 'open') throw new RuleError('status', 'Reminders go out only while the round is open.');
    const sites = await sitesOf(tx, workspaceId, programme.id, { contacts: false });
    const tracker = await roundTracker(tx, workspaceId, programme.id, round, { sites });
    const waiting = tracker.rows.filter((row) => row.state !== 'submitted' && row.state !== 'submitted_late').map((row) => row.site);
    const recipients = await roundRecipients(tx, workspaceId, waiting);
    await tx
      .update(checkpointRounds)
      .set({ remindedAt: new Date() })
      .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.id, round.id)));
    await audit({
      action: 'delivery.round_reminded',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Reminded ${recipients.length} people about ${waiting.length} missing returns for ${round.title}${how}`,
    });
    return recipients;
  });
  return sendRoundMail(deps, ctx.workspace, programme, round, recipients, true);
}
