import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { runOperation } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImports } from '../tables.ts';
import type { ReadFile } from '../citations/read-file.ts';
import { buildPreview } from './preview.ts';
import { storeImportRows } from './import-rows.ts';

/** Check a parsed file against the library and keep the preview, so the import is exactly what was shown. */
export function previewImport(db: Db, ctx: WorkspaceContext, filename: string, parsed: ReadFile): Promise<string> {
  return runOperation(db, ctx, 'preview an import', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(evidencePolicy.create(member));
    const rows = await buildPreview(tx, workspaceId, parsed.records);
    const [created] = await tx
      .insert(evidenceImports)
      .values({
        workspaceId,
        createdByPersonId: member.personId,
        filename: filename.slice(0, 200),
        format: parsed.format,
        encodingNote: parsed.encodingNote ?? '',
      })
      .returning({ id: evidenceImports.id });
    await storeImportRows(tx, workspaceId, created.id, rows);
    await audit({
      action: 'evidence.import_previewed',
      entityType: 'evidence_import',
      entityId: created.id,
      summary: `Uploaded ${filename.slice(0, 200)} to import (${countOf(rows.length, 'record')})`,
    });
    return created.id;
  });
}
