import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { runOperation } from '../../../core/operations.ts';
import { evidencePolicy } from '../policy.ts';
import { findEvidence } from '../queries.ts';
import { evidenceAttachments } from '../tables.ts';

/** Link a web page (the full text elsewhere, a dataset, a summary) to an evidence item. */
export function attachLink(db: Db, ctx: WorkspaceContext, evidenceId: string, url: string, label: string): Promise<string> {
  return runOperation(db, ctx, 'attach a link', async ({ tx, workspaceId, member, authorize, audit }) => {
    const item = await findEvidence(tx, workspaceId, evidenceId);
    if (!item) throw new NotFoundError();
    authorize(evidencePolicy.edit(member, item));
    const [attachment] = await tx
      .insert(evidenceAttachments)
      .values({ workspaceId, evidenceId: item.id, kind: 'link', label: label || url, url, addedByPersonId: member.personId })
      .returning({ id: evidenceAttachments.id });
    await audit({ action: 'evidence.attached', entityType: 'evidence', entityId: item.id, summary: `Linked “${label || url}” to “${item.title}”` });
    return attachment.id;
  });
}
