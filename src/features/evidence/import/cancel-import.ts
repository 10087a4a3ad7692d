import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { runOperation } from '../../../core/operations.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImports } from '../tables.ts';

/** Throw away a preview that was not imported; nothing reaches the library. */
export function cancelImport(db: Db, ctx: WorkspaceContext, id: string): Promise<void> {
  return runOperation(db, ctx, 'cancel an import', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(evidencePolicy.create(member));
    const [deleted] = await tx
      .delete(evidenceImports)
      .where(and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, id), eq(evidenceImports.status, 'previewed')))
      .returning({ filename: evidenceImports.filename });
    if (!deleted) throw new NotFoundError();
    await audit({ action: 'evidence.import_cancelled', entityType: 'evidence_import', entityId: id, summary: `Cancelled the import of ${deleted.filename}` });
  });
}
