import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { slugFrom } from '../../core/slug.ts';
import { guidePolicy } from './policy.ts';
import type { GuideInput } from './schemas.ts';
import { indexGuide } from './search-text.ts';
import { guideVersions, guides } from './tables.ts';

async function freeSlug(tx: Executor, workspaceId: string, title: string): Promise<string> {
  const base = slugFrom(title);
  const taken = await tx
    .select({ slug: guides.slug })
    .from(guides)
    .where(and(eq(guides.workspaceId, workspaceId), sql`${guides.slug} like ${`${base}%`}`));
  const used = new Set(taken.map((row) => row.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Start a guide: its first version holds its title and purpose, and sections and steps are added to it. */
export async function createGuide(db: Db, ctx: OperationContext, input: GuideInput): Promise<string> {
  try {
    return await runOperation(db, ctx, 'start a guide', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(guidePolicy.create(member), 'Only facilitators and administrators start guides.');
      const [guide] = await tx
        .insert(guides)
        .values({
          workspaceId,
          title: input.title,
          summary: input.summary,
          ownerPersonId: input.ownerPersonId ?? personIdOf(member),
          reviewDueOn: input.reviewDueOn,
          slug: await freeSlug(tx, workspaceId, input.title),
          createdByPersonId: personIdOf(member),
        })
        .returning({ id: guides.id });
      await tx.insert(guideVersions).values({
        workspaceId,
        guideId: guide.id,
        number: 1,
        content: { title: input.title, summary: input.summary, sections: [] },
        changeNote: 'Started the guide',
        savedByPersonId: personIdOf(member),
      });
      await indexGuide(tx, workspaceId, guide.id);
      await audit({ action: 'guide.created', entityType: 'guide', entityId: guide.id, summary: `Started the guide “${input.title}”` });
      return guide.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('title', 'There is already a guide with this title. Choose another.', 409);
    throw error;
  }
}
