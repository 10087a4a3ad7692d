import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { runOperation } from '../../core/operations.ts';
import { countOf } from '../../core/views/format.ts';
import { findIntake } from './needs-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { IntakeInput } from './schemas.ts';
import { challenges, intakeResponses, needStatements } from './tables.ts';

/**
 * Save a participant's intake. Answering again keeps what the board already
 * made of their earlier answers: unchanged statements keep their need, removed
 * ones leave the board, new ones arrive ungrouped.
 */
export function submitIntake(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: IntakeInput): Promise<'created' | 'updated'> {
  const { wantToLearn, ...answers } = input;
  return runOperation(db, ctx, 'submit the needs intake', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access), 'Only the programme’s participants answer its needs intake.');
    const personId = member.personId;
    const existing = await findIntake(tx, workspaceId, programmeId, personId);
    if (existing)
      await tx
        .update(intakeResponses)
        .set({ ...answers, updatedAt: new Date() })
        .where(and(eq(intakeResponses.workspaceId, workspaceId), eq(intakeResponses.id, existing.id)));
    else await tx.insert(intakeResponses).values({ workspaceId, programmeId, personId, ...answers });

    const mine = and(eq(needStatements.workspaceId, workspaceId), eq(needStatements.programmeId, programmeId), eq(needStatements.personId, personId));
    const before = await tx.select({ id: needStatements.id, text: needStatements.text }).from(needStatements).where(mine);
    const wanted = [...new Set(wantToLearn)];
    const kept = new Set(before.filter((statement) => wanted.includes(statement.text)).map((statement) => statement.text));
    const removed = before.filter((statement) => !wanted.includes(statement.text)).map((statement) => statement.id);
    if (removed.length) await tx.delete(needStatements).where(and(mine, inArray(needStatements.id, removed)));
    const added = wanted.filter((text) => !kept.has(text));
    if (added.length) await tx.insert(needStatements).values(added.map((text) => ({ workspaceId, programmeId, personId, text })));

    // The intake's policy challenge starts the participant's action learning, unless they already have one.
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId, title: answers.policyChallenge.split('\n')[0].slice(0, 200), description: answers.policyChallenge })
      .onConflictDoNothing();
    await audit({
      action: existing ? 'intake.updated' : 'intake.submitted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `${existing ? 'Updated' : 'Answered'} the needs intake (${countOf(wanted.length, 'learning need')})`,
    });
    return existing ? 'updated' : 'created';
  });
}
