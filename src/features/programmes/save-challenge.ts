import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { ChallengeInput } from './schemas.ts';
import { challenges } from './tables.ts';

/** A participant writes or rewrites their policy challenge (one per programme). */
export function saveChallenge(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ChallengeInput): Promise<void> {
  return runOperation(db, ctx, 'save a policy challenge', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access), 'Only participants keep a policy challenge on this programme.');
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId: member.personId, ...input })
      .onConflictDoUpdate({ target: [challenges.programmeId, challenges.personId, challenges.workspaceId], set: { ...input, updatedAt: new Date() } });
    await audit({ action: 'challenge.saved', entityType: 'programme', entityId: programmeId, summary: `Updated their policy challenge: ${input.title}` });
  });
}
