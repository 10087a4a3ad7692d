import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { countOf } from '../../core/views/format.ts';
import { programmeStatementIds } from './needs-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { NeedInput } from './schemas.ts';
import { needs, needStatements } from './tables.ts';

/** Put one or more participants' statements on the board as one need. */
export function createNeed(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: NeedInput,
  statementIds: string[],
): Promise<string> {
  return runOperation(db, ctx, 'create a need', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const ids = await programmeStatementIds(tx, workspaceId, programmeId, statementIds);
    if (!ids) throw new RuleError('statementIds', 'Select at least one of the participants’ statements for this need');
    const [need] = await tx.insert(needs).values({ workspaceId, programmeId, title: input.title, description: input.description }).returning({ id: needs.id });
    await tx
      .update(needStatements)
      .set({ needId: need.id })
      .where(and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId), inArray(needStatements.id, ids)));
    await audit({
      action: 'need.created',
      entityType: 'need',
      entityId: need.id,
      summary: `Grouped ${countOf(ids.length, 'statement')} as the need “${input.title}”`,
    });
    return need.id;
  });
}
