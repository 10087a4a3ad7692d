import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findPerson } from '../people/queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { cohortMembers, type CohortRole } from './tables.ts';

/** Add someone to the cohort; each person appears once, as a participant or a facilitator. Returns their name. */
export async function addCohortMember(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, personId: string, role: CohortRole) {
  try {
    return await runOperation(db, ctx, 'add a cohort member', async ({ tx, workspaceId, authorize, audit }) => {
      authorize(programmePolicy.manage(access));
      const person = await findPerson(tx, workspaceId, personId);
      if (!person) throw new RuleError('personId', 'Select a person from the list');
      const [existing] = await tx
        .select({ role: cohortMembers.role })
        .from(cohortMembers)
        .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.personId, personId)));
      if (existing) throw new RuleError('personId', `${person.fullName} is already in this cohort as a ${existing.role}`);
      await tx.insert(cohortMembers).values({ workspaceId, programmeId, personId, role });
      await audit({
        action: 'cohort.member_added',
        entityType: 'programme',
        entityId: programmeId,
        summary: `Added ${person.fullName} to the cohort as a ${role}`,
      });
      return person.fullName;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('personId', 'That person is already in this cohort');
    throw error;
  }
}
