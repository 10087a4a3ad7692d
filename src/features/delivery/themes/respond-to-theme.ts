import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { checkpointRounds, themeResponses } from '../tables.ts';
import { findTheme } from './queries.ts';

/** The department's response to a theme ("you said, we did"), shown to sites and in the briefing. */
export function respondToTheme(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  themeId: string,
  input: { response: string; roundId?: string },
): Promise<void> {
  return runOperation(db, ctx, 'respond to a theme', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.respondToThemes(access), 'Only the department and the programme team respond to themes.');
    const theme = await findTheme(tx, workspaceId, programmeId, themeId);
    if (!theme) throw new NotFoundError();
    // A round of another programme (or none chosen) leaves the response unattached to a round.
    const [round] = input.roundId
      ? await tx
          .select({ id: checkpointRounds.id })
          .from(checkpointRounds)
          .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.programmeId, programmeId), eq(checkpointRounds.id, input.roundId)))
      : [];
    await tx
      .insert(themeResponses)
      .values({ workspaceId, programmeId, themeId, response: input.response, roundId: round?.id ?? null, respondedByPersonId: personIdOf(member) });
    await audit({
      action: 'delivery.theme_response',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Recorded the department’s response to “${theme.name}”`,
    });
  });
}
