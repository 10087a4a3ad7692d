import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { WorkspaceContext } from '../../../core/http/context.ts';
import { runOperation } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { importEvidenceItems } from '../import-evidence.ts';
import { evidencePolicy } from '../policy.ts';
import { evidenceImports } from '../tables.ts';
import { holdImport, trackImport } from './import-queries.ts';

/**
 * Start importing a previewed file. The preview is claimed once (a second click
 * does nothing and returns null), then the new items are written in one
 * transaction in the background: either every item lands, or none does and
 * the import says why. Returns the progress page's token.
 */
export async function confirmImport(db: Db, ctx: WorkspaceContext, id: string): Promise<string | null> {
  const claimed = await runOperation(
    db,
    ctx,
    'confirm an import',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(evidencePolicy.create(member));
      const [row] = await tx
        .update(evidenceImports)
        .set({ status: 'importing' })
        .where(and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, id), eq(evidenceImports.status, 'previewed')))
        .returning({ rows: evidenceImports.rows, filename: evidenceImports.filename });
      if (!row) return undefined;
      const items = row.rows.filter((preview) => preview.status === 'new' && preview.item).map((preview) => preview.item!);
      await audit({
        action: 'evidence.import_started',
        entityType: 'evidence_import',
        entityId: id,
        summary: `Started importing ${countOf(items.length, 'new item')} from ${row.filename}`,
      });
      return items;
    },
    // A second click claims nothing and changes nothing.
    { auditOptional: true },
  );
  if (!claimed) return null;
  const workspaceId = ctx.workspace.id;
  const thisImport = and(eq(evidenceImports.workspaceId, workspaceId), eq(evidenceImports.id, id));
  const progress = trackImport(id, claimed.length);
  const task = importEvidenceItems(db, workspaceId, { ...ctx.actor, personId: ctx.member.personId }, claimed, (done) => {
    progress.done = done;
  })
    .then((ids) => db.update(evidenceImports).set({ status: 'completed', createdCount: ids.length, completedAt: new Date() }).where(thisImport))
    .catch((error: unknown) => {
      progress.failed = true;
      return db
        .update(evidenceImports)
        .set({
          status: 'failed',
          completedAt: new Date(),
          error: `The import stopped and nothing was saved: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown error'}`,
        })
        .where(thisImport);
    });
  holdImport(id, progress, task);
  return progress.token;
}
