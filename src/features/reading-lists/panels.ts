import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { readingListPolicy } from './policy.ts';
import { listReadingLists } from './queries.ts';

/** On an evidence item's page: the reading lists it is on, and for curators the lists it could be added to. */
export async function readingListsPanel(db: Db, ctx: WorkspaceContext, evidenceId: string) {
  const canCurateLists = readingListPolicy.curate(ctx.member);
  const [onLists, allLists] = await Promise.all([
    listReadingLists(db, ctx.workspace.id, { evidenceId }),
    canCurateLists ? listReadingLists(db, ctx.workspace.id) : Promise.resolve([]),
  ]);
  return { onLists, listItems: allLists.map((list) => ({ value: list.id, text: list.title })), canCurateLists };
}

/** On a person's profile: the reading lists made for them. */
export async function personReadingListsPanel(db: Db, ctx: WorkspaceContext, personId: string) {
  return { readingLists: await listReadingLists(db, ctx.workspace.id, { personId }) };
}
