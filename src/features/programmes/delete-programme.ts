import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { findProgramme } from './queries.ts';
import { programmes } from './tables.ts';
import { sessionIdsOf } from './queries.ts';
import { unindexProgramme } from './search-text.ts';

/** Delete a programme with everything recorded in it; returns its name. */
export function deleteProgramme(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string): Promise<string> {
  return runOperation(db, ctx, 'delete a programme', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.delete(access));
    const programme = await findProgramme(tx, workspaceId, programmeId);
    if (!programme) throw new NotFoundError();
    const sessions = await sessionIdsOf(tx, workspaceId, programmeId);
    await tx.delete(programmes).where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, programmeId)));
    await unindexProgramme(
      tx,
      workspaceId,
      programmeId,
      sessions.map((s) => s.id),
    );
    await audit({
      action: 'programme.deleted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Deleted the programme “${programme.name}” with its sessions, needs and feedback`,
    });
    return programme.name;
  });
}
