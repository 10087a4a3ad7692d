import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { formatList } from '../../core/views/format.ts';
import { findGuide, linkedTitles } from './queries.ts';
import { guidePolicy } from './policy.ts';
import { guides, type GuideContent } from './tables.ts';
import { currentContent } from './write-version.ts';

export interface PublishCheck {
  /** What a reader without an account would see: the guide, and each lesson and evidence item it shows. */
  public: string[];
  /** Why it cannot be published, each naming the thing: an unpublished lesson, one drawn from private records. */
  refusals: string[];
}

/**
 * What publishing this content would make public, and what stops it: a
 * linked lesson that is not published, or one drawn from a return not yet
 * submitted, a named survey answer or an invitation-only community. Such
 * words must not reach a page anyone can read.
 */
export async function publishCheck(tx: Executor, workspaceId: string, content: GuideContent): Promise<PublishCheck> {
  const titles = await linkedTitles(tx, workspaceId, content);
  const linked = [...titles.values()];
  const refusals: string[] = [];
  const unpublished = linked.filter((l) => l.kind === 'lesson' && l.status !== 'published').map((l) => `“${l.title}”`);
  if (unpublished.length)
    refusals.push(
      `The lesson${unpublished.length === 1 ? '' : 's'} ${formatList(unpublished)} ${unpublished.length === 1 ? 'is' : 'are'} not published in the workspace yet.`,
    );
  const restricted = linked.filter((l) => l.kind === 'lesson' && l.restricted).map((l) => `“${l.title}”`);
  if (restricted.length)
    refusals.push(
      `The lesson${restricted.length === 1 ? '' : 's'} ${formatList(restricted)} ${restricted.length === 1 ? 'was' : 'were'} drawn from private records (a return not yet submitted, or an invitation-only community). Unlink ${restricted.length === 1 ? 'it' : 'them'} from the guide, or draw the lesson from a public source.`,
    );
  return {
    public: [
      `The guide “${content.title}” as it is now: ${content.sections.length} sections, ${content.sections.reduce((n, s) => n + s.steps.length, 0)} steps, with their guidance and checklists`,
      ...linked.filter((l) => l.kind === 'lesson').map((l) => `Lesson: ${l.title}`),
      ...linked.filter((l) => l.kind === 'evidence').map((l) => `Evidence: ${l.title}`),
    ],
    refusals,
  };
}

/** Publish the guide's newest version at its public address (readable without an account), or take it down. */
export function publishGuide(db: Db, ctx: OperationContext, guideId: string, publish: boolean, seenVersion: number): Promise<void> {
  return runOperation(db, ctx, publish ? 'publish a guide' : 'unpublish a guide', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(guidePolicy.publish(member), 'Only facilitators and administrators publish guides.');
    const guide = await findGuide(tx, workspaceId, guideId);
    if (!guide) throw new NotFoundError();
    if (publish) {
      if (seenVersion !== guide.version)
        throw new RuleError('', `Version ${guide.version} was saved since you checked. Check what would be published again.`, 409);
      const check = await publishCheck(tx, workspaceId, await currentContent(tx, guide));
      if (check.refusals.length) throw new RuleError('', `The guide cannot be published. ${check.refusals.join(' ')}`);
    }
    await tx
      .update(guides)
      .set(publish ? { publishedVersion: guide.version, publishedAt: new Date() } : { publishedVersion: null, publishedAt: null })
      .where(and(eq(guides.workspaceId, workspaceId), eq(guides.id, guide.id)));
    await audit({
      action: publish ? 'guide.published' : 'guide.unpublished',
      entityType: 'guide',
      entityId: guide.id,
      summary: publish ? `Published version ${guide.version} of “${guide.title}” at its public address` : `Took “${guide.title}” down from its public address`,
    });
  });
}
