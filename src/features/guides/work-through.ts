import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { findStep } from './content.ts';
import { guidePolicy } from './policy.ts';
import { findGuide } from './queries.ts';
import type { CommentInput } from './schemas.ts';
import { guideComments, guideProgress } from './tables.ts';
import { currentContent } from './write-version.ts';

async function stepOf(tx: Executor, workspaceId: string, guideId: string, stepKey: string) {
  const guide = await findGuide(tx, workspaceId, guideId);
  if (!guide) throw new NotFoundError();
  const found = findStep(await currentContent(tx, guide), stepKey);
  if (!found) throw new NotFoundError();
  return { guide, step: found.step };
}

/** A reader's comment on a step: a question, or how it went for them. */
export function commentOnStep(db: Db, ctx: OperationContext, guideId: string, stepKey: string, input: CommentInput): Promise<void> {
  return runOperation(db, ctx, 'comment on a guide step', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(guidePolicy.comment(member), 'Viewers read guides; members comment on them.');
    const { guide, step } = await stepOf(tx, workspaceId, guideId, stepKey);
    await tx.insert(guideComments).values({ workspaceId, guideId: guide.id, stepKey, body: input.body, authorPersonId: personIdOf(member) });
    await audit({ action: 'guide.commented', entityType: 'guide', entityId: guide.id, summary: `Commented on “${step.title}” in “${guide.title}”` });
  });
}

/**
 * Mark a step done (or not) for the reader's own site: their organisation.
 * Someone with no organisation has no site to mark it for.
 */
export function markStepDone(db: Db, ctx: OperationContext, guideId: string, stepKey: string, done: boolean): Promise<string> {
  return runOperation(db, ctx, 'mark a guide step done', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(guidePolicy.markDone(member), 'Viewers read guides; members work through them.');
    const { guide, step } = await stepOf(tx, workspaceId, guideId, stepKey);
    const [me] = await rows<{ organisationId: string | null; organisation: string | null }>(
      tx,
      sql`select p.organisation_id as "organisationId", o.name as organisation from people p
            left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
           where p.workspace_id = ${workspaceId} and p.id = ${member.personId}`,
    );
    if (!me?.organisationId)
      throw new RuleError('', 'Your profile names no organisation, so there is no site to mark this step for. Add your organisation to your profile.');
    await tx
      .insert(guideProgress)
      .values({ workspaceId, guideId: guide.id, stepKey, organisationId: me.organisationId, done, markedByPersonId: personIdOf(member) })
      .onConflictDoUpdate({
        target: [guideProgress.guideId, guideProgress.stepKey, guideProgress.organisationId, guideProgress.workspaceId],
        set: { done, markedByPersonId: personIdOf(member), markedAt: new Date(), updatedAt: new Date() },
      });
    await audit({
      action: done ? 'guide.step_done' : 'guide.step_undone',
      entityType: 'guide',
      entityId: guide.id,
      summary: `${done ? 'Marked' : 'Unmarked'} “${step.title}” as done for ${me.organisation}`,
    });
    return me.organisation ?? '';
  });
}
