import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { ProgrammeRuleError } from './save-programme.ts';
import type { IntakeInput } from './schemas.ts';
import { challenges, intakeResponses, needs, needStatements, type NeedAnswer } from './tables.ts';

export function findIntake(db: Db, workspaceId: string, programmeId: string, personId: string) {
  return db
    .select()
    .from(intakeResponses)
    .where(and(eq(intakeResponses.workspaceId, workspaceId), eq(intakeResponses.programmeId, programmeId), eq(intakeResponses.personId, personId)))
    .then((list) => list[0]);
}

/**
 * Save a participant's intake. Answering again keeps what the board already
 * made of their earlier answers: unchanged statements keep their need, removed
 * ones leave the board, new ones arrive ungrouped.
 */
export async function submitIntake(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: IntakeInput,
): Promise<'created' | 'updated'> {
  authorize(programmePolicy.participate(access), 'Only the programme’s participants answer its needs intake.');
  const workspaceId = ctx.workspace.id;
  const personId = ctx.member.personId;
  const { wantToLearn, ...answers } = input;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: intakeResponses.id })
      .from(intakeResponses)
      .where(and(eq(intakeResponses.programmeId, programmeId), eq(intakeResponses.personId, personId)));
    if (existing)
      await tx
        .update(intakeResponses)
        .set({ ...answers, updatedAt: new Date() })
        .where(eq(intakeResponses.id, existing.id));
    else await tx.insert(intakeResponses).values({ workspaceId, programmeId, personId, ...answers });

    const before = await tx
      .select({ id: needStatements.id, text: needStatements.text })
      .from(needStatements)
      .where(and(eq(needStatements.programmeId, programmeId), eq(needStatements.personId, personId)));
    const wanted = [...new Set(wantToLearn)];
    const kept = new Set(before.filter((statement) => wanted.includes(statement.text)).map((statement) => statement.text));
    const removed = before.filter((statement) => !wanted.includes(statement.text)).map((statement) => statement.id);
    if (removed.length) await tx.delete(needStatements).where(inArray(needStatements.id, removed));
    const added = wanted.filter((text) => !kept.has(text));
    if (added.length) await tx.insert(needStatements).values(added.map((text) => ({ workspaceId, programmeId, personId, text })));

    // The intake's policy challenge starts the participant's action learning, unless they already have one.
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId, title: answers.policyChallenge.split('\n')[0].slice(0, 200), description: answers.policyChallenge })
      .onConflictDoNothing();
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: existing ? 'intake.updated' : 'intake.submitted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `${existing ? 'Updated' : 'Answered'} the needs intake (${wanted.length} learning need${wanted.length === 1 ? '' : 's'})`,
    });
    return existing ? 'updated' : 'created';
  });
}

async function programmeStatementIds(db: Db, programmeId: string, ids: string[]) {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length !== new Set(ids).size || valid.length === 0) return undefined;
  const found = await db
    .select({ id: needStatements.id })
    .from(needStatements)
    .where(and(eq(needStatements.programmeId, programmeId), inArray(needStatements.id, valid)));
  return found.length === valid.length ? valid : undefined;
}

/** Put one or more participants' statements on the board as one need. */
export async function createNeed(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  title: string,
  description: string,
  statementIds: string[],
) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  const ids = await programmeStatementIds(db, programmeId, statementIds);
  if (!ids) throw new ProgrammeRuleError('statementIds', 'Select at least one of the participants’ statements for this need');
  return db.transaction(async (tx) => {
    const [need] = await tx.insert(needs).values({ workspaceId, programmeId, title, description }).returning({ id: needs.id });
    await tx
      .update(needStatements)
      .set({ needId: need.id })
      .where(and(eq(needStatements.programmeId, programmeId), inArray(needStatements.id, ids)));
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'need.created',
      entityType: 'need',
      entityId: need.id,
      summary: `Grouped ${ids.length} statement${ids.length === 1 ? '' : 's'} as the need “${title}”`,
    });
    return need.id;
  });
}

export async function findNeed(db: Db, workspaceId: string, programmeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [need] = await db
    .select()
    .from(needs)
    .where(and(eq(needs.workspaceId, workspaceId), eq(needs.programmeId, programmeId), eq(needs.id, id)));
  return need;
}

export async function updateNeed(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  needId: string,
  changes: { title: string; description: string; addressed: boolean },
) {
  authorize(programmePolicy.manage(access));
  const need = await findNeed(db, ctx.workspace.id, programmeId, needId);
  if (!need) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const addressedAt = changes.addressed ? (need.addressedAt ?? new Date()) : null;
    await tx.update(needs).set({ title: changes.title, description: changes.description, addressedAt, updatedAt: new Date() }).where(eq(needs.id, need.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'need.updated',
      entityType: 'need',
      entityId: need.id,
      summary: `Updated the need “${changes.title}”${changes.addressed && !need.addressedAt ? ', now addressed' : ''}`,
    });
  });
}

/** Take a need off the board; its statements go back to the ungrouped list. */
export async function deleteNeed(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, needId: string) {
  authorize(programmePolicy.manage(access));
  const need = await findNeed(db, ctx.workspace.id, programmeId, needId);
  if (!need) throw new NotFoundError();
  await db.transaction(async (tx) => {
    await tx.delete(needs).where(eq(needs.id, need.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'need.deleted',
      entityType: 'need',
      entityId: need.id,
      summary: `Took the need “${need.title}” off the board`,
    });
  });
  return need.title;
}

/** Move a statement to another need, or back to ungrouped. */
export async function moveStatement(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, statementId: string, needId: string | null) {
  authorize(programmePolicy.manage(access));
  if (!(await programmeStatementIds(db, programmeId, [statementId]))) throw new NotFoundError();
  if (needId && !(await findNeed(db, ctx.workspace.id, programmeId, needId))) throw new ProgrammeRuleError('needId', 'Choose a need on this programme’s board');
  await db
    .update(needStatements)
    .set({ needId })
    .where(and(eq(needStatements.programmeId, programmeId), eq(needStatements.id, statementId)));
}

/** A participant says whether one of their own needs was answered. */
export async function answerStatement(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, statementId: string, answered: NeedAnswer) {
  authorize(programmePolicy.participate(access));
  if (!isUuid(statementId)) throw new NotFoundError();
  const updated = await db
    .update(needStatements)
    .set({ answered })
    .where(and(eq(needStatements.programmeId, programmeId), eq(needStatements.id, statementId), eq(needStatements.personId, ctx.member.personId)))
    .returning({ id: needStatements.id });
  if (updated.length === 0) throw new NotFoundError();
}

export function ungroupedStatementsOf(db: Db, programmeId: string) {
  return db
    .select()
    .from(needStatements)
    .where(and(eq(needStatements.programmeId, programmeId), isNull(needStatements.needId)));
}
