import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { indexDocuments } from '../search/index-documents.ts';
import { existingTopicIds } from '../topics/queries.ts';
import { evidencePolicy } from './policy.ts';
import type { EvidenceInput } from './schemas.ts';
import { evidenceDocument } from './search-text.ts';
import { titleKey } from './title-key.ts';
import { findEvidence } from './queries.ts';
import { evidenceItems, evidenceTopics } from './tables.ts';

/** Create or update an evidence item with its topics; the search index changes in the same transaction. */
export function saveEvidence(db: Db, ctx: WorkspaceContext, input: EvidenceInput, id?: string): Promise<string> {
  const { topicIds, ...fields } = input;
  return runOperation(db, ctx, 'save an evidence item', async ({ tx, workspaceId, member, authorize, audit }) => {
    const before = id ? await findEvidence(tx, workspaceId, id) : undefined;
    if (id && !before) throw new NotFoundError();
    authorize(before ? evidencePolicy.edit(member, before) : evidencePolicy.create(member));
    const uniqueTopics = [...new Set(topicIds)];
    const validTopics = await existingTopicIds(tx, workspaceId, uniqueTopics);
    if (validTopics.length !== uniqueTopics.length) throw new RuleError('topicIds', 'Select topics from the list');

    let itemId: string;
    if (!before) {
      const [created] = await tx
        .insert(evidenceItems)
        .values({ workspaceId, ...fields, titleKey: titleKey(fields.title), addedByPersonId: member.personId })
        .returning({ id: evidenceItems.id });
      itemId = created.id;
    } else {
      itemId = before.id;
      await tx
        .update(evidenceItems)
        .set({ ...fields, titleKey: titleKey(fields.title), updatedAt: new Date() })
        .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, itemId)));
    }
    await tx.delete(evidenceTopics).where(and(eq(evidenceTopics.workspaceId, workspaceId), eq(evidenceTopics.evidenceId, itemId)));
    if (validTopics.length) await tx.insert(evidenceTopics).values(validTopics.map((topicId) => ({ workspaceId, evidenceId: itemId, topicId })));
    await indexDocuments(tx, workspaceId, [evidenceDocument({ id: itemId, ...fields })]);
    await audit({
      action: before ? 'evidence.updated' : 'evidence.created',
      entityType: 'evidence',
      entityId: itemId,
      summary: before ? `Updated the evidence item “${fields.title}”` : `Added the evidence item “${fields.title}”`,
      changes: before ? changedFields(before, fields) : undefined,
    });
    return itemId;
  });
}
