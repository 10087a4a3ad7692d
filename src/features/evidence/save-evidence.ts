import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { indexDocuments, removeDocuments } from '../search/index-documents.ts';
import { existingTopicIds } from '../topics/queries.ts';
import { evidencePolicy } from './policy.ts';
import type { EvidenceInput } from './schemas.ts';
import { evidenceDocument } from './search-text.ts';
import { titleKey } from './title-key.ts';
import { findEvidence } from './queries.ts';
import { evidenceAttachments, evidenceItems, evidenceTopics } from './tables.ts';
import { ATTACHMENT_KIND } from './search-text.ts';

export class EvidenceRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Create or update an evidence item with its topics; the search index changes in the same transaction. */
export async function saveEvidence(db: Db, ctx: WorkspaceContext, input: EvidenceInput, id?: string): Promise<string> {
  const workspaceId = ctx.workspace.id;
  const { topicIds, ...fields } = input;
  return db.transaction(async (tx) => {
    const before = id ? await findEvidence(tx, workspaceId, id) : undefined;
    if (id && !before) throw new NotFoundError();
    authorize(before ? evidencePolicy.edit(ctx.member, before) : evidencePolicy.create(ctx.member));
    const uniqueTopics = [...new Set(topicIds)];
    const validTopics = await existingTopicIds(tx, workspaceId, uniqueTopics);
    if (validTopics.length !== uniqueTopics.length) throw new EvidenceRuleError('topicIds', 'Select topics from the list');

    let itemId: string;
    if (!before) {
      const [created] = await tx
        .insert(evidenceItems)
        .values({ workspaceId, ...fields, titleKey: titleKey(fields.title), addedByPersonId: ctx.member.personId })
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
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: before ? 'evidence.updated' : 'evidence.created',
      entityType: 'evidence',
      entityId: itemId,
      summary: before ? `Updated the evidence item “${fields.title}”` : `Added the evidence item “${fields.title}”`,
      changes: before ? changedFields(before, fields) : undefined,
    });
    return itemId;
  });
}

export async function deleteEvidence(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  authorize(evidencePolicy.delete(ctx.member));
  return db.transaction(async (tx) => {
    const item = await findEvidence(tx, ctx.workspace.id, id);
    if (!item) throw new NotFoundError();
    await removeDocuments(tx, ctx.workspace.id, 'evidence', [item.id]);
    const files = await tx
      .select({ id: evidenceAttachments.id })
      .from(evidenceAttachments)
      .where(and(eq(evidenceAttachments.workspaceId, ctx.workspace.id), eq(evidenceAttachments.evidenceId, item.id)));
    if (files.length)
      await removeDocuments(
        tx,
        ctx.workspace.id,
        ATTACHMENT_KIND,
        files.map((file) => file.id),
      );
    await tx.delete(evidenceItems).where(and(eq(evidenceItems.workspaceId, ctx.workspace.id), eq(evidenceItems.id, item.id)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'evidence.deleted',
      entityType: 'evidence',
      entityId: item.id,
      summary: `Deleted the evidence item “${item.title}”`,
    });
    return item.title;
  });
}
