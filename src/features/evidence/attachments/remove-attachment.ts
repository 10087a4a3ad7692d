import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { runOperation } from '../../../core/operations.ts';
import { removeDocuments } from '../../search/index-documents.ts';
import { evidencePolicy } from '../policy.ts';
import { findEvidence } from '../queries.ts';
import { ATTACHMENT_KIND } from '../search-text.ts';
import { evidenceAttachments } from '../tables.ts';

/** Remove a file or link from an item, and its text from search. Returns its label. */
export function removeAttachment(db: Db, ctx: WorkspaceContext, evidenceId: string, attachmentId: string): Promise<string> {
  return runOperation(db, ctx, 'remove an attachment', async ({ tx, workspaceId, member, authorize, audit }) => {
    const item = await findEvidence(tx, workspaceId, evidenceId);
    if (!item) throw new NotFoundError();
    authorize(evidencePolicy.edit(member, item));
    const [removed] = await tx
      .delete(evidenceAttachments)
      .where(and(eq(evidenceAttachments.workspaceId, workspaceId), eq(evidenceAttachments.evidenceId, item.id), eq(evidenceAttachments.id, attachmentId)))
      .returning({ label: evidenceAttachments.label });
    if (!removed) throw new NotFoundError();
    await removeDocuments(tx, workspaceId, ATTACHMENT_KIND, [attachmentId]);
    await audit({ action: 'evidence.detached', entityType: 'evidence', entityId: item.id, summary: `Removed “${removed.label}” from “${item.title}”` });
    return removed.label;
  });
}
