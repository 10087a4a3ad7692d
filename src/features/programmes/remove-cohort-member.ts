import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findPerson } from '../people/queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { cohortMembers } from './tables.ts';

/** Take someone out of the cohort; what they wrote (intake, feedback, actions) stays. Returns their name. */
export function removeCohortMember(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, memberId: string) {
  return runOperation(db, ctx, 'remove a cohort member', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const [removed] = await tx
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.id, memberId)))
      .returning({ personId: cohortMembers.personId });
    if (!removed) throw new NotFoundError();
    const person = await findPerson(tx, workspaceId, removed.personId);
    await audit({
      action: 'cohort.member_removed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Removed ${person?.fullName ?? 'a person'} from the cohort; their intake, feedback and actions are kept`,
    });
    return person?.fullName ?? 'They';
  });
}
