import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation } from '../../../core/operations.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImportRows, evidenceImports, type ImportDecision, type ImportPreviewRow } from '../tables.ts';

const decisionWords: Record<ImportDecision, string> = {
  import: 'import as a new item',
  skip: 'leave out',
  merge: 'merge into the library’s item',
};

/**
 * Say what to do with a duplicate or possible duplicate before importing:
 * import it as new (possible duplicates only), leave it out, or merge it into
 * the library item it matches. Only a preview waiting to be confirmed changes.
 */
export function decideRow(db: Db, ctx: WorkspaceContext, id: string, position: number, decision: ImportDecision): Promise<ImportPreviewRow> {
  return runOperation(db, ctx, 'decide on an import row', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(evidencePolicy.create(member));
    const [found] = await tx
      .select({ filename: evidenceImports.filename, row: evidenceImportRows.row })
      .from(evidenceImportRows)
      .innerJoin(evidenceImports, and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, evidenceImportRows.importId)))
      .where(
        and(
          eq(evidenceImportRows.workspaceId, workspaceId),
          eq(evidenceImportRows.importId, id),
          eq(evidenceImportRows.position, position),
          eq(evidenceImports.status, 'previewed'),
        ),
      );
    if (!found) throw new NotFoundError();
    const row = found.row;
    if (row.status !== 'duplicate' && row.status !== 'possible')
      throw new RuleError('decision', 'Only duplicates and possible duplicates wait for a decision.');
    if (decision === 'import' && row.status !== 'possible')
      throw new RuleError('decision', 'This record is certainly in the library already: leave it out or merge it.');
    if (decision === 'merge' && !row.match)
      throw new RuleError('decision', 'This record repeats one earlier in the file, so there is no library item to merge it into.');
    await tx
      .update(evidenceImportRows)
      .set({ row: { ...row, decision } })
      .where(and(eq(evidenceImportRows.workspaceId, workspaceId), eq(evidenceImportRows.importId, id), eq(evidenceImportRows.position, position)));
    await audit({
      action: 'evidence.import_decided',
      entityType: 'evidence_import',
      entityId: id,
      summary: `Chose to ${decisionWords[decision]} record ${row.row} (“${row.title.slice(0, 120)}”) of ${found.filename}`,
    });
    return { ...row, decision };
  });
}
