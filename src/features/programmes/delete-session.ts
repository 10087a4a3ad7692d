import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { programmeSessions } from './tables.ts';
import { unindexSession } from './search-text.ts';

/** Delete a session with its attendance, feedback and reading. */
export function deleteSession(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session): Promise<void> {
  return runOperation(db, ctx, 'delete a session', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const deleted = await tx
      .delete(programmeSessions)
      .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.id, session.id)))
      .returning({ id: programmeSessions.id });
    if (deleted.length === 0) throw new NotFoundError();
    await unindexSession(tx, workspaceId, session.id);
    await audit({
      action: 'session.deleted',
      entityType: 'session',
      entityId: session.id,
      summary: `Deleted the session “${session.title}” with its attendance and feedback`,
    });
  });
}
