import { and, eq, max } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findEvidence } from '../evidence/queries.ts';
import { readingListPolicy } from './policy.ts';
import { findReadingList } from './queries.ts';
import { readingListItems, readingLists } from './tables.ts';

/**
 * Put an item at the end of a list, or update its note if it is already there.
 * For operations only (it neither authorises nor audits).
 */
export async function placeOnList(tx: Executor, workspaceId: string, listId: string, evidenceId: string, note: string) {
  const item = await findEvidence(tx, workspaceId, evidenceId);
  if (!item) throw new RuleError('evidenceId', 'Choose an item from the library');
  const onList = and(eq(readingListItems.workspaceId, workspaceId), eq(readingListItems.listId, listId));
  const [existing] = await tx
    .select({ position: readingListItems.position })
    .from(readingListItems)
    .where(and(onList, eq(readingListItems.evidenceId, evidenceId)));
  if (existing) {
    if (note)
      await tx
        .update(readingListItems)
        .set({ note })
        .where(and(onList, eq(readingListItems.evidenceId, evidenceId)));
    return { title: item.title, added: false, changed: note !== '' };
  }
  const [last] = await tx
    .select({ position: max(readingListItems.position) })
    .from(readingListItems)
    .where(onList);
  await tx.insert(readingListItems).values({ workspaceId, listId, evidenceId, note, position: (last?.position ?? 0) + 1 });
  await tx
    .update(readingLists)
    .set({ updatedAt: new Date() })
    .where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, listId)));
  return { title: item.title, added: true, changed: true };
}

/** Add an item to a list (or update its note if it is already there). */
export function addToReadingList(db: Db, ctx: WorkspaceContext, listId: string, evidenceId: string, note: string): Promise<{ title: string; added: boolean }> {
  return runOperation(
    db,
    ctx,
    'add to a reading list',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(readingListPolicy.curate(member));
      const found = await findReadingList(tx, workspaceId, listId);
      if (!found) throw new RuleError('listId', 'Choose one of the workspace’s reading lists');
      const placed = await placeOnList(tx, workspaceId, listId, evidenceId, note);
      if (placed.changed) {
        await audit({
          action: placed.added ? 'reading_list.item_added' : 'reading_list.item_updated',
          entityType: 'reading_list',
          entityId: listId,
          summary: placed.added ? `Added “${placed.title}” to “${found.list.title}”` : `Updated the note on “${placed.title}” in “${found.list.title}”`,
        });
      }
      return { title: placed.title, added: placed.added };
    },
    { auditOptional: true },
  );
}
