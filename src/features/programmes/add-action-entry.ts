import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findEvidence } from '../evidence/queries.ts';
import { findChallenge } from './challenge-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { ActionEntryInput } from './schemas.ts';
import { actionEntries } from './tables.ts';

/** A participant logs an action or a reflection against their policy challenge. */
export function addActionEntry(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ActionEntryInput): Promise<void> {
  return runOperation(db, ctx, 'add to the action log', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access), 'Only participants keep an action log on this programme.');
    const challenge = await findChallenge(tx, workspaceId, programmeId, member.personId);
    if (!challenge) throw new RuleError('text', 'Write your policy challenge first, then log actions against it');
    if (input.evidenceItemId && !(await findEvidence(tx, workspaceId, input.evidenceItemId)))
      throw new RuleError('evidenceItemId', 'Choose an item from the list');
    const [entry] = await tx
      .insert(actionEntries)
      .values({ workspaceId, challengeId: challenge.id, ...input })
      .returning({ id: actionEntries.id });
    // The log is the participant's own: the trail says an entry was made, not what it says.
    await audit({
      action: 'challenge.entry_added',
      entityType: 'action_entry',
      entityId: entry.id,
      summary: input.kind === 'action' ? 'Added an action to their log' : 'Added a reflection to their log',
    });
  });
}
