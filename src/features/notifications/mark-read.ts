import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { notificationPolicy } from './policy.ts';
import { notifications } from './tables.ts';

/** Clear the person's whole list at once. */
export function markAllRead(db: Db, ctx: OperationContext): Promise<number> {
  return runOperation(db, ctx, 'mark notifications read', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(notificationPolicy.own(member));
    const cleared = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.personId, member.personId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    await audit({
      action: 'notifications.read_all',
      entityType: 'person',
      entityId: member.personId,
      summary: `Marked ${cleared.length} notifications as read`,
    });
    return cleared.length;
  });
}

/** Opening a thing (a thread) marks what the person was told about it as read; returns how many. */
export function markSubjectRead(db: Db, ctx: OperationContext, subjectKey: string): Promise<number> {
  return runOperation(
    db,
    ctx,
    'mark a notification read',
    async ({ tx, workspaceId, member, authorize }) => {
      authorize(notificationPolicy.own(member));
      const read = await tx
        .update(notifications)
        .set({ readAt: sql`now()` })
        .where(
          and(
            eq(notifications.workspaceId, workspaceId),
            eq(notifications.personId, member.personId),
            eq(notifications.subjectKey, subjectKey),
            isNull(notifications.readAt),
          ),
        )
        .returning({ id: notifications.id });
      return read.length;
    },
    { unauditedBecause: 'reading one’s own notification changes nothing anyone else sees' },
  );
}
