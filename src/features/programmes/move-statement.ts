import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findNeed, programmeStatementIds } from './needs-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { needStatements } from './tables.ts';

/** Move a participant's statement to another need, or back to ungrouped (needId null). */
export function moveStatement(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, statementId: string, needId: string | null) {
  return runOperation(db, ctx, 'move a need statement', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    if (!(await programmeStatementIds(tx, workspaceId, programmeId, [statementId]))) throw new NotFoundError();
    const need = needId ? await findNeed(tx, workspaceId, programmeId, needId) : undefined;
    if (needId && !need) throw new RuleError('needs', 'Choose a need on this programme’s board');
    await tx
      .update(needStatements)
      .set({ needId })
      .where(and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId), eq(needStatements.id, statementId)));
    await audit({
      action: 'need.statement_moved',
      entityType: 'programme',
      entityId: programmeId,
      summary: need ? `Moved a statement to the need “${need.title}”` : 'Took a statement out of its need',
    });
  });
}
