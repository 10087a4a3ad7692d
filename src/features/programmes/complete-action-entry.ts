import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findChallenge } from './challenge-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { actionEntries } from './tables.ts';

/** A participant marks one of their actions done, or not done again. */
export function completeActionEntry(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  entryId: string,
  done: boolean,
): Promise<void> {
  return runOperation(db, ctx, 'complete an action', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access));
    const challenge = await findChallenge(tx, workspaceId, programmeId, member.personId);
    if (!challenge) throw new NotFoundError();
    const updated = await tx
      .update(actionEntries)
      .set({ doneAt: done ? new Date() : null })
      .where(and(eq(actionEntries.workspaceId, workspaceId), eq(actionEntries.challengeId, challenge.id), eq(actionEntries.id, entryId)))
      .returning({ id: actionEntries.id });
    if (updated.length === 0) throw new NotFoundError();
    await audit({
      action: 'challenge.entry_done',
      entityType: 'action_entry',
      entityId: entryId,
      summary: done ? 'Marked an action done' : 'Marked an action not done',
    });
  });
}
