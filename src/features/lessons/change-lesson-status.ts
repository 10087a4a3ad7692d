import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { lessonPolicy } from './policy.ts';
import { findLesson } from './queries.ts';
import { lessons, type LessonStatus } from './tables.ts';

/** How long a published lesson stands before it is flagged for review, unless a date is set. */
export const REVIEW_AFTER_DAYS = 365;

const verbs: Record<LessonStatus, string> = { draft: 'Returned to draft', reviewed: 'Reviewed', published: 'Published' };

/**
 * Move a lesson along draft → reviewed → published (or back to draft).
 * Reviewing records who reviewed it and needs a recommendation; publishing
 * needs a review first and sets a review date a year on if none is set.
 */
export function changeLessonStatus(db: Db, ctx: OperationContext, lessonId: string, status: LessonStatus): Promise<LessonStatus> {
  return runOperation(db, ctx, 'change a lesson’s status', async ({ tx, workspaceId, member, authorize, audit, publish }) => {
    const lesson = await findLesson(tx, workspaceId, lessonId);
    if (!lesson) throw new NotFoundError();
    authorize(lessonPolicy.review(member), 'Only the workspace’s facilitators review and publish lessons.');
    // Publishing a published lesson is its periodic review: it still stands, reviewed again today.
    const confirming = status === 'published' && lesson.status === 'published';
    if (lesson.status === status && !confirming) return status;
    if (status === 'reviewed' && !lesson.recommendation.trim())
      throw new RuleError('', 'Add a recommendation before the lesson is reviewed: it is what the next team acts on.');
    if (status === 'published' && lesson.status === 'draft') throw new RuleError('', 'A lesson is reviewed before it is published.');
    const now = new Date();
    const today = londonToday();
    const nextReview = lesson.reviewDueOn && lesson.reviewDueOn > today && !confirming ? lesson.reviewDueOn : addDays(today, REVIEW_AFTER_DAYS);
    await tx
      .update(lessons)
      .set({
        status,
        ...(status === 'reviewed' || confirming ? { reviewedByPersonId: personIdOf(member), reviewedAt: now } : {}),
        ...(status === 'published' ? { publishedAt: confirming ? lesson.publishedAt : now, reviewDueOn: nextReview } : {}),
        revision: lesson.revision + 1,
        updatedAt: now,
      })
      .where(and(eq(lessons.workspaceId, workspaceId), eq(lessons.id, lesson.id)));
    await audit({
      action: `lesson.${status}`,
      entityType: 'lesson',
      entityId: lesson.id,
      summary: confirming ? `Reviewed the published lesson “${lesson.title}” again: it still stands` : `${verbs[status]} the lesson “${lesson.title}”`,
      changes: { status: { from: lesson.status, to: status } },
    });
    // Published for the first time (or again after going back to draft), not merely confirmed at its review.
    if (status === 'published' && !confirming)
      await publish({
        type: 'lesson.published',
        entityType: 'lesson',
        entityId: lesson.id,
        data: {
          lesson: {
            id: lesson.id,
            title: lesson.title,
            recommendation: lesson.recommendation,
            publishedAt: now,
            reviewDueOn: nextReview,
            path: `/w/${ctx.workspace.slug}/lessons/${lesson.id}`,
          },
        },
      });
    return status;
  });
}
