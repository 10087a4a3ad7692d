import type { Db } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { programmePolicy } from '../programmes/policy.ts';
import { findProgrammeFor } from '../programmes/queries.ts';
import { findLesson } from './queries.ts';
import type { DecisionInput } from './schemas.ts';
import { lessonApplications } from './tables.ts';

const said = { applied: 'applied', not_relevant: 'not relevant to', discuss: 'to discuss for' } as const;

/**
 * A programme's team says what it makes of a published lesson offered to it:
 * applied (recorded on the lesson, so it shows where it has been used), not
 * relevant, or to discuss. Deciding again replaces the earlier decision.
 */
export function decideForProgramme(db: Db, ctx: OperationContext, programmeId: string, lessonId: string, input: DecisionInput): Promise<void> {
  return runOperation(db, ctx, 'decide about a lesson for a programme', async ({ tx, workspaceId, member, authorize, audit }) => {
    const found = await findProgrammeFor(tx, workspaceId, programmeId, member);
    if (!found) throw new NotFoundError();
    authorize(programmePolicy.manage(found.access), 'Only the people running the programme decide which lessons it applies.');
    const lesson = await findLesson(tx, workspaceId, lessonId);
    if (!lesson || lesson.status !== 'published') throw new RuleError('', 'Only published lessons are offered to programmes.');
    if (lesson.programmeId === programmeId) throw new RuleError('', 'This lesson came from this programme: it is offered to the programmes after it.');
    await tx
      .insert(lessonApplications)
      .values({ workspaceId, lessonId, programmeId, decision: input.decision, note: input.note, decidedByPersonId: personIdOf(member) })
      .onConflictDoUpdate({
        target: [lessonApplications.lessonId, lessonApplications.programmeId, lessonApplications.workspaceId],
        set: { decision: input.decision, note: input.note, decidedByPersonId: personIdOf(member), decidedAt: new Date() },
      });
    await audit({
      action: `lesson.${input.decision}`,
      entityType: 'lesson',
      entityId: lessonId,
      summary: `Marked the lesson “${lesson.title}” as ${said[input.decision]} ${found.programme.name}`,
    });
  });
}
