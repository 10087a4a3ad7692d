import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { addDays } from '../../../core/dates.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { checkpointRounds } from '../tables.ts';
import { itemCount } from '../template/definition.ts';
import { latestTemplate } from '../template/queries.ts';
import { addMonths, periodTitle } from './queries.ts';

export interface ScheduleInput {
  frequency: 'monthly' | 'quarterly';
  firstPeriodStart: string;
  count: number;
  dueDaysAfter: number;
}

/** Add rounds after the last one, each using the template as it stands now. */
export function scheduleRounds(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme, input: ScheduleInput): Promise<number> {
  return runOperation(db, ctx, 'schedule checkpoint rounds', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const template = await latestTemplate(tx, workspaceId, programme.id);
    if (!template || itemCount(template.definition) === 0)
      throw new RuleError('frequency', 'Set up the return template before scheduling rounds: sites need something to answer.');
    const [last] = await tx
      .select({ number: max(checkpointRounds.number) })
      .from(checkpointRounds)
      .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.programmeId, programme.id)));
    const months = input.frequency === 'monthly' ? 1 : 3;
    const rows = Array.from({ length: input.count }, (_, i) => {
      const periodStart = addMonths(input.firstPeriodStart, i * months);
      const periodEnd = addDays(addMonths(input.firstPeriodStart, (i + 1) * months), -1);
      return {
        workspaceId,
        programmeId: programme.id,
        number: (last?.number ?? 0) + i + 1,
        title: periodTitle(periodStart, periodEnd),
        periodStart,
        periodEnd,
        dueOn: addDays(periodEnd, input.dueDaysAfter),
        templateId: template.id,
      };
    });
    await tx.insert(checkpointRounds).values(rows);
    await audit({
      action: 'delivery.rounds_scheduled',
      entityType: 'programme',
      entityId: programme.id,
      summary: `Scheduled ${rows.length} ${input.frequency} checkpoint rounds from ${rows[0].title}`,
    });
    return rows.length;
  });
}
