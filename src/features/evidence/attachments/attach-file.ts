import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation } from '../../../core/operations.ts';
import { safeFilename } from '../../../core/http/uploads.ts';
import { indexDocuments } from '../../search/index-documents.ts';
import { evidencePolicy } from '../policy.ts';
import { findEvidence } from '../queries.ts';
import { attachmentDocument } from '../search-text.ts';
import { evidenceAttachmentFiles, evidenceAttachments } from '../tables.ts';
import { AttachmentError, extractText } from './extract-text.ts';

/**
 * Attach a PDF or Word file: read its text first (a file we cannot read is
 * refused before anything is saved), then store the file, its description and
 * its search document together.
 */
export async function attachFile(db: Db, ctx: WorkspaceContext, evidenceId: string, file: { filename: string; data: Buffer }, label: string) {
  let extracted;
  try {
    extracted = await extractText(file.filename, file.data);
  } catch (error) {
    if (error instanceof AttachmentError) throw new RuleError('file', error.message);
    throw error;
  }
  const filename = safeFilename(file.filename) || `attachment.${extracted.format}`;
  return runOperation(db, ctx, 'attach a file', async ({ tx, workspaceId, member, authorize, audit }) => {
    const item = await findEvidence(tx, workspaceId, evidenceId);
    if (!item) throw new NotFoundError();
    authorize(evidencePolicy.edit(member, item));
    const [attachment] = await tx
      .insert(evidenceAttachments)
      .values({
        workspaceId,
        evidenceId: item.id,
        kind: 'file',
        label: label || filename,
        filename,
        mimetype: extracted.mimetype,
        sizeBytes: file.data.length,
        extractedText: extracted.text,
        extractionNote: extracted.note,
        addedByPersonId: member.personId,
      })
      .returning();
    await tx.insert(evidenceAttachmentFiles).values({ attachmentId: attachment.id, workspaceId, data: file.data });
    if (extracted.text) await indexDocuments(tx, workspaceId, [attachmentDocument(attachment, item.title)]);
    await audit({ action: 'evidence.attached', entityType: 'evidence', entityId: item.id, summary: `Attached “${attachment.label}” to “${item.title}”` });
    return { id: attachment.id, note: extracted.note };
  });
}
