import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { programmePolicy } from '../programmes/policy.ts';
import { findProgrammeFor } from '../programmes/queries.ts';
import { slugFrom } from '../../core/slug.ts';
import { lessonPolicy } from './policy.ts';
import { publicLessonSets } from './tables.ts';

/** The programme's lessons a public page would show, and those that stop it: drawn from private records. */
export async function lessonSetCheck(tx: Executor, workspaceId: string, programmeId: string) {
  const found = await rows<{ id: string; title: string; restricted: boolean }>(
    tx,
    sql`select l.id, l.title, exists (select 1 from lesson_sources s where s.workspace_id = l.workspace_id and s.lesson_id = l.id and s.restricted) as restricted
          from lessons l where l.workspace_id = ${workspaceId} and l.programme_id = ${programmeId} and l.status = 'published' order by lower(l.title)`,
  );
  return { shown: found.filter((l) => !l.restricted), refused: found.filter((l) => l.restricted) };
}

/**
 * Publish a programme's published lessons at a public address, or take them
 * down. Refused while any of them was drawn from private records (a return
 * not yet submitted, an invitation-only community): those words must not
 * reach a page anyone can read.
 */
export async function publishLessonSet(db: Db, ctx: OperationContext, programmeId: string, publish: boolean): Promise<void> {
  try {
    await publishing(db, ctx, programmeId, publish);
  } catch (error) {
    // Two programme names that differ only in punctuation make the same address.
    if (isUniqueViolation(error))
      throw new RuleError(
        '',
        'Another programme’s lessons are already published at the address this name makes. Rename one of the programmes, then publish.',
        409,
      );
    throw error;
  }
}

function publishing(db: Db, ctx: OperationContext, programmeId: string, publish: boolean): Promise<void> {
  return runOperation(
    db,
    ctx,
    publish ? 'publish a programme’s lessons' : 'unpublish a programme’s lessons',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      const found = await findProgrammeFor(tx, workspaceId, programmeId, member);
      if (!found) throw new NotFoundError();
      authorize(lessonPolicy.review(member) && programmePolicy.manage(found.access), 'Only the workspace’s facilitators publish lessons.');
      if (!publish) {
        await tx.delete(publicLessonSets).where(and(eq(publicLessonSets.workspaceId, workspaceId), eq(publicLessonSets.programmeId, programmeId)));
      } else {
        const check = await lessonSetCheck(tx, workspaceId, programmeId);
        if (!check.shown.length && !check.refused.length) throw new RuleError('', 'The programme has no published lessons to show.');
        if (check.refused.length)
          throw new RuleError(
            '',
            `The lessons cannot be published: ${check.refused.map((l) => `“${l.title}”`).join(', ')} came from private records. Withdraw them to draft first.`,
          );
        await tx
          .insert(publicLessonSets)
          .values({ workspaceId, programmeId, slug: slugFrom(found.programme.name), publishedByPersonId: personIdOf(member) })
          .onConflictDoUpdate({
            target: [publicLessonSets.programmeId, publicLessonSets.workspaceId],
            set: { publishedAt: new Date(), publishedByPersonId: personIdOf(member) },
          });
      }
      await audit({
        action: publish ? 'lessons.published_publicly' : 'lessons.unpublished_publicly',
        entityType: 'programme',
        entityId: programmeId,
        summary: publish
          ? `Published the lessons of “${found.programme.name}” at a public address`
          : `Took down the public page of the lessons of “${found.programme.name}”`,
      });
    },
  );
}
