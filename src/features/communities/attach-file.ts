import type { Executor } from '../../core/db/client.ts';
import { FileKindError, identifyFile } from '../../core/http/file-kinds.ts';
import { RuleError } from '../../core/http/errors.ts';
import { safeFilename, type UploadedFile } from '../../core/http/uploads.ts';
import { communityAttachmentFiles, communityAttachments } from './tables.ts';

export interface CheckedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/**
 * A file chosen to go with a post, checked before anything is written: its
 * bytes must be what its name says, and of a kind people can safely open.
 */
export async function checkAttachment(file: UploadedFile | undefined): Promise<CheckedFile | undefined> {
  if (!file) return undefined;
  const filename = safeFilename(file.filename);
  try {
    const { mimetype } = await identifyFile(filename, file.data);
    return { filename, mimetype, data: file.data };
  } catch (error) {
    if (error instanceof FileKindError) throw new RuleError('attachment', error.message);
    throw error;
  }
}

/** Store a checked file with the thread's opening (no post) or a reply, in the post's own transaction. */
export async function storeAttachment(
  tx: Executor,
  workspaceId: string,
  at: { threadId: string; postId: string | null },
  personId: string | null,
  file: CheckedFile,
) {
  const [attachment] = await tx
    .insert(communityAttachments)
    .values({ workspaceId, ...at, filename: file.filename, mimetype: file.mimetype, sizeBytes: file.data.length, addedByPersonId: personId })
    .returning({ id: communityAttachments.id });
  await tx.insert(communityAttachmentFiles).values({ attachmentId: attachment.id, workspaceId, data: file.data });
  return attachment.id;
}
