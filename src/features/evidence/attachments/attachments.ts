import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../core/db/client.ts';
import { recordAudit } from '../../../core/audit.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { authorize, NotFoundError } from '../../../core/http/errors.ts';
import { indexDocuments, removeDocuments } from '../../search/index-documents.ts';
import { evidencePolicy } from '../policy.ts';
import { findEvidence } from '../queries.ts';
import { ATTACHMENT_KIND, attachmentDocument } from '../search-text.ts';
import { evidenceAttachmentFiles, evidenceAttachments } from '../tables.ts';
import { extractText } from './extract-text.ts';

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

async function editableItem(db: Executor, ctx: WorkspaceContext, evidenceId: string) {
  const item = await findEvidence(db, ctx.workspace.id, evidenceId);
  if (!item) throw new NotFoundError();
  authorize(evidencePolicy.edit(ctx.member, item));
  return item;
}

/**
 * Attach a PDF or Word file: read its text first (a file we cannot read is
 * refused before anything is saved), then store the file, its description and
 * its search document together.
 */
export async function attachFile(db: Db, ctx: WorkspaceContext, evidenceId: string, file: { filename: string; data: Buffer }, label: string) {
  const item = await editableItem(db, ctx, evidenceId);
  const extracted = await extractText(file.filename, file.data);
  const workspaceId = ctx.workspace.id;
  const filename = file.filename.replace(/[\p{Cc}\\/]/gu, '_').slice(0, 200) || `attachment.${extracted.format}`;
  return db.transaction(async (tx) => {
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
        addedByPersonId: ctx.member.personId,
      })
      .returning();
    await tx.insert(evidenceAttachmentFiles).values({ attachmentId: attachment.id, workspaceId, data: file.data });
    if (extracted.text) await indexDocuments(tx, workspaceId, [attachmentDocument(attachment, item.title)]);
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'evidence.attached',
      entityType: 'evidence',
      entityId: item.id,
      summary: `Attached “${attachment.label}” to “${item.title}”`,
    });
    return { id: attachment.id, note: extracted.note };
  });
}

export async function attachLink(db: Db, ctx: WorkspaceContext, evidenceId: string, url: string, label: string) {
  const item = await editableItem(db, ctx, evidenceId);
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const [attachment] = await tx
      .insert(evidenceAttachments)
      .values({ workspaceId, evidenceId: item.id, kind: 'link', label: label || url, url, addedByPersonId: ctx.member.personId })
      .returning({ id: evidenceAttachments.id });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'evidence.attached',
      entityType: 'evidence',
      entityId: item.id,
      summary: `Linked “${label || url}” to “${item.title}”`,
    });
    return attachment.id;
  });
}

export async function removeAttachment(db: Db, ctx: WorkspaceContext, evidenceId: string, attachmentId: string) {
  const item = await editableItem(db, ctx, evidenceId);
  if (!isUuid(attachmentId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(evidenceAttachments)
      .where(and(eq(evidenceAttachments.workspaceId, ctx.workspace.id), eq(evidenceAttachments.evidenceId, item.id), eq(evidenceAttachments.id, attachmentId)))
      .returning({ label: evidenceAttachments.label });
    if (!removed) throw new NotFoundError();
    await removeDocuments(tx, ctx.workspace.id, ATTACHMENT_KIND, [attachmentId]);
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'evidence.detached',
      entityType: 'evidence',
      entityId: item.id,
      summary: `Removed “${removed.label}” from “${item.title}”`,
    });
    return removed.label;
  });
}

/** A stored file, for download by anyone in the workspace. */
export async function attachmentFile(db: Executor, workspaceId: string, evidenceId: string, attachmentId: string) {
  if (!isUuid(evidenceId) || !isUuid(attachmentId)) return undefined;
  const [found] = await db
    .select({ filename: evidenceAttachments.filename, mimetype: evidenceAttachments.mimetype, data: evidenceAttachmentFiles.data })
    .from(evidenceAttachments)
    .innerJoin(evidenceAttachmentFiles, eq(evidenceAttachmentFiles.attachmentId, evidenceAttachments.id))
    .where(and(eq(evidenceAttachments.workspaceId, workspaceId), eq(evidenceAttachments.evidenceId, evidenceId), eq(evidenceAttachments.id, attachmentId)));
  return found;
}
