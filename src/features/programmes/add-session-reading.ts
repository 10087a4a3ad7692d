import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findEvidence } from '../evidence/queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { sessionReadings } from './tables.ts';

/** Put an evidence item on a session's reading list (last); returns its title. */
export function addSessionReading(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, evidenceItemId: string): Promise<string> {
  return runOperation(db, ctx, 'add a session reading', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const item = await findEvidence(tx, workspaceId, evidenceItemId);
    if (!item) throw new RuleError('evidenceItemId', 'Choose an item from the evidence library');
    const [last] = await tx
      .select({ position: max(sessionReadings.position) })
      .from(sessionReadings)
      .where(and(eq(sessionReadings.workspaceId, workspaceId), eq(sessionReadings.sessionId, session.id)));
    await tx
      .insert(sessionReadings)
      .values({ workspaceId, sessionId: session.id, evidenceItemId, position: (last?.position ?? 0) + 1 })
      .onConflictDoNothing();
    await audit({
      action: 'session.reading_added',
      entityType: 'session',
      entityId: session.id,
      summary: `Added “${item.title}” to the reading for “${session.title}”`,
    });
    return item.title;
  });
}
