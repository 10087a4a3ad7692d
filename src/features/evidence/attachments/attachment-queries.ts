import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { evidenceAttachmentFiles, evidenceAttachments } from '../tables.ts';

export async function attachmentsOf(db: Executor, workspaceId: string, evidenceId: string) {
  const list = await db
    .select({
      id: evidenceAttachments.id,
      kind: evidenceAttachments.kind,
      label: evidenceAttachments.label,
      filename: evidenceAttachments.filename,
      sizeBytes: evidenceAttachments.sizeBytes,
      url: evidenceAttachments.url,
      extractionNote: evidenceAttachments.extractionNote,
      mimetype: evidenceAttachments.mimetype,
      createdAt: evidenceAttachments.createdAt,
    })
    .from(evidenceAttachments)
    .where(and(eq(evidenceAttachments.workspaceId, workspaceId), eq(evidenceAttachments.evidenceId, evidenceId)))
    .orderBy(asc(evidenceAttachments.createdAt));
  return list.map((attachment) => ({ ...attachment, kindLabel: attachment.mimetype === 'application/pdf' ? 'PDF' : 'Word document' }));
}

/** A stored file, for download by anyone in the workspace. */
export async function attachmentFile(db: Executor, workspaceId: string, evidenceId: string, attachmentId: string) {
  if (!isUuid(evidenceId) || !isUuid(attachmentId)) return undefined;
  const [found] = await db
    .select({ filename: evidenceAttachments.filename, mimetype: evidenceAttachments.mimetype, data: evidenceAttachmentFiles.data })
    .from(evidenceAttachments)
    .innerJoin(
      evidenceAttachmentFiles,
      and(eq(evidenceAttachmentFiles.workspaceId, evidenceAttachments.workspaceId), eq(evidenceAttachmentFiles.attachmentId, evidenceAttachments.id)),
    )
    .where(and(eq(evidenceAttachments.workspaceId, workspaceId), eq(evidenceAttachments.evidenceId, evidenceId), eq(evidenceAttachments.id, attachmentId)));
  return found;
}
