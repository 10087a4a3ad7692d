import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { needStatements, type NeedAnswer } from './tables.ts';

/** A participant says whether one of their own needs was answered. */
export function answerStatement(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, statementId: string, answered: NeedAnswer) {
  return runOperation(db, ctx, 'answer a need statement', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access));
    if (!isUuid(statementId)) throw new NotFoundError();
    const updated = await tx
      .update(needStatements)
      .set({ answered })
      .where(
        and(
          eq(needStatements.workspaceId, workspaceId),
          eq(needStatements.programmeId, programmeId),
          eq(needStatements.id, statementId),
          eq(needStatements.personId, member.personId),
        ),
      )
      .returning({ id: needStatements.id });
    if (updated.length === 0) throw new NotFoundError();
    await audit({
      action: 'need.answered',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Said one of their learning needs was ${{ yes: 'answered', partly: 'partly answered', no: 'not answered' }[answered]}`,
    });
  });
}
