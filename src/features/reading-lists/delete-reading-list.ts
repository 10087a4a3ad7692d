import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { readingListPolicy } from './policy.ts';
import { findReadingList } from './queries.ts';
import { readingLists } from './tables.ts';

/** Delete a reading list; the evidence on it stays in the library. Returns its title. */
export function deleteReadingList(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete a reading list', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(readingListPolicy.curate(member));
    const found = await findReadingList(tx, workspaceId, id);
    if (!found) throw new NotFoundError();
    await tx.delete(readingLists).where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, found.list.id)));
    await audit({ action: 'reading_list.deleted', entityType: 'reading_list', entityId: id, summary: `Deleted the reading list “${found.list.title}”` });
    return found.list.title;
  });
}
