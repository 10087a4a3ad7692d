import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';
import type { Guide } from './queries.ts';
import { versionOf } from './queries.ts';
import { guideVersions, guides, type GuideContent } from './tables.ts';

/** The guide's content now: its latest version's. */
export async function currentContent(tx: Executor, guide: Guide): Promise<GuideContent> {
  const version = await versionOf(tx, guide.workspaceId, guide.id, guide.version);
  if (!version) throw new Error(`Guide ${guide.id} has no version ${guide.version}`);
  return version.content;
}

/**
 * Save the guide's content as its next version. The guide row is updated
 * only if its version is still the one read, so two saves at once cannot
 * both become version n+1: the second is refused and can be tried again.
 */
export async function writeVersion(
  tx: Executor,
  guide: Guide,
  content: GuideContent,
  note: { changeNote: string; personId: string | null; restoredFrom?: number },
): Promise<number> {
  const number = guide.version + 1;
  const [moved] = await tx
    .update(guides)
    .set({ version: number, title: content.title, summary: content.summary, updatedAt: new Date() })
    .where(and(eq(guides.workspaceId, guide.workspaceId), eq(guides.id, guide.id), eq(guides.version, guide.version)))
    .returning({ id: guides.id });
  if (!moved) throw new RuleError('', 'Someone else saved the guide at the same moment. Open it again and make your change once more.', 409);
  await tx.insert(guideVersions).values({
    workspaceId: guide.workspaceId,
    guideId: guide.id,
    number,
    content,
    changeNote: note.changeNote,
    restoredFrom: note.restoredFrom ?? null,
    savedByPersonId: note.personId,
  });
  return number;
}
