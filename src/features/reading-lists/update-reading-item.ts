import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findEvidence } from '../evidence/queries.ts';
import { readingListPolicy } from './policy.ts';
import { findReadingList } from './queries.ts';
import type { ReadingItemChange } from './schemas.ts';
import { readingListItems, readingLists } from './tables.ts';

/** Change an item on a list: its note, its place (up or down one), or take it off. */
export function updateReadingItem(db: Db, ctx: WorkspaceContext, listId: string, evidenceId: string, change: ReadingItemChange) {
  return runOperation(db, ctx, 'change a reading list item', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(readingListPolicy.curate(member));
    const found = await findReadingList(tx, workspaceId, listId);
    if (!found) throw new NotFoundError();
    const onList = and(eq(readingListItems.workspaceId, workspaceId), eq(readingListItems.listId, listId));
    const where = and(onList, eq(readingListItems.evidenceId, evidenceId));
    const [item] = await tx.select().from(readingListItems).where(where);
    if (!item) throw new NotFoundError();
    if (change.action === 'remove') await tx.delete(readingListItems).where(where);
    else if (change.action === 'note') await tx.update(readingListItems).set({ note: change.note }).where(where);
    else {
      // Swap places with the neighbour above or below.
      const [neighbour] = await tx
        .select()
        .from(readingListItems)
        .where(and(onList, change.action === 'up' ? lt(readingListItems.position, item.position) : gt(readingListItems.position, item.position)))
        .orderBy(change.action === 'up' ? desc(readingListItems.position) : asc(readingListItems.position))
        .limit(1);
      if (neighbour) {
        await tx.update(readingListItems).set({ position: neighbour.position }).where(where);
        await tx
          .update(readingListItems)
          .set({ position: item.position })
          .where(and(onList, eq(readingListItems.evidenceId, neighbour.evidenceId)));
      }
    }
    await tx
      .update(readingLists)
      .set({ updatedAt: new Date() })
      .where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, listId)));
    const title = (await findEvidence(tx, workspaceId, evidenceId))?.title ?? 'an item';
    const done = { remove: `Took “${title}” off`, note: `Updated the note on “${title}” in`, up: `Moved “${title}” up in`, down: `Moved “${title}” down in` }[
      change.action
    ];
    const action = { remove: 'removed', note: 'updated', up: 'moved', down: 'moved' }[change.action];
    await audit({ action: `reading_list.item_${action}`, entityType: 'reading_list', entityId: listId, summary: `${done} “${found.list.title}”` });
  });
}
