import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { sessionReadings } from './tables.ts';

/** Take an item off a session's reading list; removing one that is not there changes nothing. */
export function removeSessionReading(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, evidenceItemId: string): Promise<void> {
  return runOperation(
    db,
    ctx,
    'remove a session reading',
    async ({ tx, workspaceId, authorize, audit }) => {
      authorize(programmePolicy.manage(access));
      if (!isUuid(evidenceItemId)) return;
      const removed = await tx
        .delete(sessionReadings)
        .where(and(eq(sessionReadings.workspaceId, workspaceId), eq(sessionReadings.sessionId, session.id), eq(sessionReadings.evidenceItemId, evidenceItemId)))
        .returning({ id: sessionReadings.evidenceItemId });
      if (removed.length)
        await audit({
          action: 'session.reading_removed',
          entityType: 'session',
          entityId: session.id,
          summary: `Removed an item from the reading for “${session.title}”`,
        });
    },
    { auditOptional: true },
  );
}
