import { and, eq, sql } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { findProgramme } from '../programmes/queries.ts';
import { lessonPolicy } from './policy.ts';
import { findLesson, topicsOf } from './queries.ts';
import type { LessonInput } from './schemas.ts';
import { indexLesson } from './search-text.ts';
import { lessonTopics, lessons } from './tables.ts';

/** The fields a lesson's form sets, as stored. */
export function lessonFields(input: LessonInput) {
  const { topicIds: _topics, revision: _revision, ...fields } = input;
  return { ...fields, phase: fields.phase ?? null };
}

/** Check the records a lesson's form refers to are this workspace's: its programme, topics and owner. */
export async function checkLessonReferences(tx: Executor, workspaceId: string, input: Pick<LessonInput, 'programmeId' | 'topicIds' | 'ownerPersonId'>) {
  if (input.programmeId && !(await findProgramme(tx, workspaceId, input.programmeId))) throw new RuleError('programmeId', 'Choose a programme from the list');
  const topicIds = [...new Set(input.topicIds)];
  if (topicIds.length) {
    const found = await rows<{ id: string }>(tx, sql`select id from topics where workspace_id = ${workspaceId} and id = any(${uuidArray(topicIds)})`);
    if (found.length !== topicIds.length) throw new RuleError('topicIds', 'Choose topics from the list');
  }
  if (input.ownerPersonId) {
    const [owner] = await rows<{ id: string }>(tx, sql`select id from people where workspace_id = ${workspaceId} and id = ${input.ownerPersonId}`);
    if (!owner) throw new RuleError('ownerPersonId', 'Choose the owner from the list');
  }
  return topicIds;
}

export async function setLessonTopics(tx: Executor, workspaceId: string, lessonId: string, topicIds: string[]) {
  await tx.delete(lessonTopics).where(and(eq(lessonTopics.workspaceId, workspaceId), eq(lessonTopics.lessonId, lessonId)));
  if (topicIds.length) await tx.insert(lessonTopics).values(topicIds.map((topicId) => ({ workspaceId, lessonId, topicId })));
}

/**
 * Write a new lesson (a draft, owned by its writer unless someone else is
 * named), or change one. A change saved over a newer revision than the one the
 * form was opened at is refused, so two editors never silently overwrite each
 * other; a published lesson that is changed goes back to review.
 */
export function saveLesson(db: Db, ctx: OperationContext, input: LessonInput, lessonId?: string): Promise<string> {
  return runOperation(db, ctx, 'save a lesson', async ({ tx, workspaceId, member, authorize, audit }) => {
    const before = lessonId ? await findLesson(tx, workspaceId, lessonId) : undefined;
    if (lessonId && !before) throw new NotFoundError();
    if (before) authorize(lessonPolicy.edit(member, before), 'Only the workspace’s facilitators and the lesson’s owner change it.');
    else authorize(lessonPolicy.create(member), 'Only facilitators, administrators and experts write lessons.');
    const topicIds = await checkLessonReferences(tx, workspaceId, input);
    const fields = lessonFields(input);
    if (!before) {
      const [created] = await tx
        .insert(lessons)
        .values({ workspaceId, ...fields, ownerPersonId: fields.ownerPersonId ?? personIdOf(member), createdByPersonId: personIdOf(member) })
        .returning({ id: lessons.id });
      await setLessonTopics(tx, workspaceId, created.id, topicIds);
      await indexLesson(tx, workspaceId, created.id);
      await audit({ action: 'lesson.created', entityType: 'lesson', entityId: created.id, summary: `Wrote the lesson “${fields.title}”` });
      return created.id;
    }
    if (input.revision !== before.revision)
      throw new RuleError(
        'title',
        'Someone else saved this lesson while you were editing it. Your changes are below: compare them with the lesson as it is now, then save again.',
        409,
      );
    const topicsBefore = (await topicsOf(tx, workspaceId, before.id)).map((t) => t.id).sort();
    // A published lesson whose substance changes is reviewed again before it stands as published.
    const substance = (['whatHappened', 'whatWorked', 'recommendation'] as const).some((key) => before[key] !== fields[key]);
    const status = before.status === 'published' && substance ? 'reviewed' : before.status;
    const [updated] = await tx
      .update(lessons)
      // Left empty, the owner stays who it was.
      .set({ ...fields, ownerPersonId: fields.ownerPersonId ?? before.ownerPersonId, status, revision: before.revision + 1, updatedAt: new Date() })
      .where(and(eq(lessons.workspaceId, workspaceId), eq(lessons.id, before.id), eq(lessons.revision, before.revision)))
      .returning({ id: lessons.id });
    if (!updated) throw new RuleError('title', 'Someone else saved this lesson at the same moment. Open it again to see their changes.', 409);
    await setLessonTopics(tx, workspaceId, before.id, topicIds);
    await indexLesson(tx, workspaceId, before.id);
    await audit({
      action: 'lesson.updated',
      entityType: 'lesson',
      entityId: before.id,
      summary: `Changed the lesson “${fields.title}”${status !== before.status ? ' (back to review before it is published again)' : ''}`,
      changes: {
        ...changedFields(before, fields),
        ...(topicsBefore.join() !== [...topicIds].sort().join() ? { topics: { from: topicsBefore, to: topicIds } } : {}),
      },
    });
    return before.id;
  });
}
