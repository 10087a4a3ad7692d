import { and, eq } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db, Executor } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findPerson } from '../people/queries.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { existingTopicIds } from '../topics/queries.ts';
import { placeOnList } from './add-to-reading-list.ts';
import { readingListPolicy } from './policy.ts';
import { findReadingList } from './queries.ts';
import type { ReadingListInput } from './schemas.ts';
import { readingLists } from './tables.ts';

/** The topic, person and session a list is for must all be this workspace's. */
async function checkLinks(tx: Executor, workspaceId: string, input: ReadingListInput) {
  if (input.topicId && (await existingTopicIds(tx, workspaceId, [input.topicId])).length === 0) throw new RuleError('topicId', 'Choose a topic from the list');
  if (input.personId && !(await findPerson(tx, workspaceId, input.personId))) throw new RuleError('personId', 'Choose a person from the list');
  if (input.sessionId) {
    const [session] = await tx
      .select({ id: programmeSessions.id })
      .from(programmeSessions)
      .where(and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.id, input.sessionId)));
    if (!session) throw new RuleError('sessionId', 'Choose a session from the list');
  }
}

/**
 * Start a reading list (with a first item, when started from an item's page),
 * or update one when an id is given.
 */
export function saveReadingList(db: Db, ctx: WorkspaceContext, input: ReadingListInput, id?: string, firstEvidenceId?: string): Promise<string> {
  return runOperation(db, ctx, 'save a reading list', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(readingListPolicy.curate(member));
    await checkLinks(tx, workspaceId, input);
    if (!id) {
      const [created] = await tx
        .insert(readingLists)
        .values({ workspaceId, ...input, createdByPersonId: member.personId })
        .returning({ id: readingLists.id });
      if (firstEvidenceId) await placeOnList(tx, workspaceId, created.id, firstEvidenceId, '');
      await audit({ action: 'reading_list.created', entityType: 'reading_list', entityId: created.id, summary: `Started the reading list “${input.title}”` });
      return created.id;
    }
    const found = await findReadingList(tx, workspaceId, id);
    if (!found) throw new NotFoundError();
    await tx
      .update(readingLists)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(readingLists.workspaceId, workspaceId), eq(readingLists.id, id)));
    await audit({
      action: 'reading_list.updated',
      entityType: 'reading_list',
      entityId: id,
      summary: `Updated the reading list “${input.title}”`,
      changes: changedFields(found.list, input),
    });
    return id;
  });
}
