import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { removeDocuments } from '../search/index-documents.ts';
import { evidencePolicy } from './policy.ts';
import { findEvidence } from './queries.ts';
import { ATTACHMENT_KIND } from './search-text.ts';
import { evidenceAttachments, evidenceItems } from './tables.ts';

/** Delete an item with its attachments, and take them out of search. Returns its title. */
export function deleteEvidence(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete an evidence item', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(evidencePolicy.delete(member));
    const item = await findEvidence(tx, workspaceId, id);
    if (!item) throw new NotFoundError();
    await removeDocuments(tx, workspaceId, 'evidence', [item.id]);
    const files = await tx
      .select({ id: evidenceAttachments.id })
      .from(evidenceAttachments)
      .where(and(eq(evidenceAttachments.workspaceId, workspaceId), eq(evidenceAttachments.evidenceId, item.id)));
    if (files.length)
      await removeDocuments(
        tx,
        workspaceId,
        ATTACHMENT_KIND,
        files.map((file) => file.id),
      );
    await tx.delete(evidenceItems).where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.id, item.id)));
    await audit({ action: 'evidence.deleted', entityType: 'evidence', entityId: item.id, summary: `Deleted the evidence item “${item.title}”` });
    return item.title;
  });
}
