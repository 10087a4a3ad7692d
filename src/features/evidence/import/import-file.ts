import type { Db } from '../../../core/db/client.ts';
import { runOperation, personIdOf, type OperationContext } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { readReferenceFile, type ReferenceFormat } from '../citations/read-file.ts';
import { afterLargeImport, insertEvidenceItems } from '../import-evidence.ts';
import { evidencePolicy } from '../policy.ts';
import { checkRecord } from './check-record.ts';
import { buildPreview } from './preview.ts';
import { importPlan } from './import-plan.ts';

/** What importing a file did (or, dry, would do): the figures the command line prints, in file order. */
export interface FileImportSummary {
  format: ReferenceFormat;
  records: number;
  new: number;
  duplicates: number;
  invalid: Array<{ record: number; line: number; reason: string }>;
  items: Array<{ title: string; year: number | null; authors: string[]; doi: string | null; journal: string; abstract: boolean; duplicate: boolean }>;
  created: number;
}

/**
 * Import a reference file in one go, as the operator does at the command
 * line: the same reading, checks and duplicate rules as the upload page, then
 * every new record written with its audit row in one transaction (or nothing
 * written, with `dryRun`).
 */
export async function importReferenceFile(db: Db, ctx: OperationContext, filename: string, bytes: Uint8Array, dryRun: boolean): Promise<FileImportSummary> {
  const file = await readReferenceFile(bytes);
  const checked = file.records.map(checkRecord);
  const summary = await runOperation(
    db,
    ctx,
    'import a reference file',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(evidencePolicy.create(member));
      const rows = await buildPreview(tx, workspaceId, file.records);
      // At the command line nobody is there to decide on a possible duplicate: it is left out, as on the page.
      const toCreate = importPlan(rows).create;
      const result: FileImportSummary = {
        format: file.format,
        records: rows.length,
        new: toCreate.length,
        duplicates: rows.filter((row) => row.status === 'duplicate' || row.status === 'possible').length,
        invalid: rows.filter((row) => row.status === 'invalid').map((row) => ({ record: row.row, line: row.line ?? 0, reason: row.messages.join(' ') })),
        items: rows
          .map((row, i) => ({ row, item: checked[i].item }))
          .filter(({ row, item }) => row.status !== 'invalid' && item)
          .map(({ row, item }) => ({
            title: item!.title,
            year: item!.year,
            authors: item!.authors,
            doi: item!.doi,
            journal: item!.publisher,
            abstract: item!.abstract !== '',
            duplicate: row.status === 'duplicate',
          })),
        created: 0,
      };
      if (dryRun || toCreate.length === 0) return result;
      const ids = await insertEvidenceItems(tx, workspaceId, personIdOf(member), toCreate);
      await audit({
        action: 'evidence.imported',
        entityType: 'evidence',
        summary: `Imported ${countOf(ids.length, 'evidence item')} from ${filename.slice(0, 200)}`,
      });
      return { ...result, created: ids.length };
    },
    { auditOptional: true },
  );
  await afterLargeImport(db, summary.created);
  return summary;
}
