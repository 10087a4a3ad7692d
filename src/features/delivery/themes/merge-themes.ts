import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliveryThemes, themeResponses } from '../tables.ts';
import { findTheme } from './queries.ts';

/** Fold one theme into another: its codes move across (without doubling up), its responses follow, and it goes. */
export function mergeThemes(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  fromId: string,
  intoId: string,
): Promise<{ from: string; into: string }> {
  return runOperation(db, ctx, 'merge themes', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const [from, into] = await Promise.all([findTheme(tx, workspaceId, programmeId, fromId), findTheme(tx, workspaceId, programmeId, intoId)]);
    if (!from || !into) throw new RuleError('into', 'Choose a theme to merge into');
    if (from.id === into.id) throw new RuleError('into', 'Choose a different theme to merge into');
    await tx.execute(sql`
      insert into delivery_theme_codings (workspace_id, programme_id, theme_id, return_id, section_key, excerpt, origin, coded_by_person_id, created_at)
      select c.workspace_id, c.programme_id, ${into.id}, c.return_id, c.section_key, c.excerpt, c.origin, c.coded_by_person_id, c.created_at
      from delivery_theme_codings c where c.workspace_id = ${workspaceId} and c.theme_id = ${from.id}
      on conflict do nothing`);
    await tx
      .update(themeResponses)
      .set({ themeId: into.id })
      .where(and(eq(themeResponses.workspaceId, workspaceId), eq(themeResponses.themeId, from.id)));
    await tx.delete(deliveryThemes).where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.id, from.id)));
    await audit({
      action: 'delivery.themes_merged',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Merged the theme “${from.name}” into “${into.name}”`,
    });
    return { from: from.name, into: into.name };
  });
}
