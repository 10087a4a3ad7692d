import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findPerson } from '../people/queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import { cohortMembers, setPresentations } from './tables.ts';

/** Record who presented at an action learning set and what the set agreed with them. */
export async function recordPresentation(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, personId: string, agreed: string) {
  try {
    await runOperation(db, ctx, 'record a presentation', async ({ tx, workspaceId, authorize, audit }) => {
      authorize(programmePolicy.manage(access));
      if (session.kind !== 'action_learning_set') throw new RuleError('personId', 'Presentations are recorded for action learning sets only');
      const [participant] = isUuid(personId)
        ? await tx
            .select({ personId: cohortMembers.personId })
            .from(cohortMembers)
            .where(
              and(
                eq(cohortMembers.workspaceId, workspaceId),
                eq(cohortMembers.programmeId, session.programmeId),
                eq(cohortMembers.personId, personId),
                eq(cohortMembers.role, 'participant'),
              ),
            )
        : [];
      if (!participant) throw new RuleError('personId', 'Select a participant in this cohort');
      await tx.insert(setPresentations).values({ workspaceId, sessionId: session.id, personId, agreed });
      const person = await findPerson(tx, workspaceId, personId);
      await audit({
        action: 'session.presentation',
        entityType: 'session',
        entityId: session.id,
        summary: `Recorded ${person?.fullName ?? 'a participant'}’s presentation at “${session.title}”`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('personId', 'Their presentation at this set is already recorded');
    throw error;
  }
}
