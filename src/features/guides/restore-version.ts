import type { Db } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { guidePolicy } from './policy.ts';
import { findGuide, versionOf } from './queries.ts';
import { indexGuide } from './search-text.ts';
import { writeVersion } from './write-version.ts';

/**
 * Bring back an earlier version as the newest one. The versions after it stay
 * in the history (nothing is deleted), and the form that asks for it has
 * named them, so restoring over newer edits is always a choice made knowingly.
 * `seenVersion` is the newest version the person was shown; if another has
 * been saved since, they are asked again.
 */
export function restoreVersion(db: Db, ctx: OperationContext, guideId: string, number: number, seenVersion: number): Promise<number> {
  return runOperation(db, ctx, 'restore a guide version', async ({ tx, workspaceId, member, authorize, audit }) => {
    const guide = await findGuide(tx, workspaceId, guideId);
    if (!guide) throw new NotFoundError();
    authorize(guidePolicy.edit(member, guide), 'Only facilitators and the guide’s owner restore its versions.');
    const old = await versionOf(tx, workspaceId, guide.id, number);
    if (!old) throw new NotFoundError();
    if (number === guide.version) throw new RuleError('', `Version ${number} is already the newest.`);
    if (seenVersion !== guide.version)
      throw new RuleError(
        '',
        `Version ${guide.version} was saved since you looked. Check what it changed, then restore version ${number} again if you still want to.`,
        409,
      );
    const restored = await writeVersion(tx, guide, old.content, {
      changeNote: `Restored version ${number} (${number + 1 === guide.version ? `version ${guide.version} is` : `versions ${number + 1} to ${guide.version} are`} kept in the history)`,
      personId: personIdOf(member),
      restoredFrom: number,
    });
    await indexGuide(tx, workspaceId, guide.id);
    await audit({
      action: 'guide.restored',
      entityType: 'guide',
      entityId: guide.id,
      summary: `Restored version ${number} of “${guide.title}” as version ${restored}`,
    });
    return restored;
  });
}
