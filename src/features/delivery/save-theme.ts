import { and, eq, sql } from 'drizzle-orm';
import { type Db, type Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { deliveryThemes, themeResponses } from './tables.ts';
import { findTheme } from './theme-queries.ts';

/*
 * The codebook's own changes: add or rename a theme, fold one into another, delete one.
 */

export async function nameTaken(db: Executor, programmeId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: deliveryThemes.id })
    .from(deliveryThemes)
    .where(and(eq(deliveryThemes.programmeId, programmeId), sql`lower(${deliveryThemes.name}) = lower(${name})`));
  return row && row.id !== exceptId ? row.id : undefined;
}

export async function saveTheme(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  input: { name: string; description: string },
  id?: string,
): Promise<string> {
  if (await nameTaken(db, programmeId, input.name, id)) throw new RuleError('name', `There is already a theme called “${input.name}”. Merge into it instead.`);
  if (id) {
    const theme = await findTheme(db, ctx.workspace.id, programmeId, id);
    if (!theme) throw new NotFoundError();
    await db.update(deliveryThemes).set(input).where(eq(deliveryThemes.id, id));
    await recordAudit(db, ctx.workspace.id, ctx.actor, {
      action: 'delivery.theme_changed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Renamed the theme “${theme.name}” to “${input.name}”`,
    });
    return id;
  }
  const [row] = await db
    .insert(deliveryThemes)
    .values({ workspaceId: ctx.workspace.id, programmeId, ...input })
    .returning({ id: deliveryThemes.id });
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_added',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Added the theme “${input.name}”`,
  });
  return row.id;
}

/** Fold one theme into another: its codes move across (without doubling up) and it goes. */
export async function mergeThemes(db: Db, ctx: WorkspaceContext, programmeId: string, fromId: string, intoId: string): Promise<{ from: string; into: string }> {
  const [from, into] = await Promise.all([findTheme(db, ctx.workspace.id, programmeId, fromId), findTheme(db, ctx.workspace.id, programmeId, intoId)]);
  if (!from || !into) throw new RuleError('into', 'Choose a theme to merge into');
  if (from.id === into.id) throw new RuleError('into', 'Choose a different theme to merge into');
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into delivery_theme_codings (workspace_id, programme_id, theme_id, return_id, section_key, excerpt, origin, coded_by_person_id, created_at)
      select workspace_id, programme_id, ${into.id}, return_id, section_key, excerpt, origin, coded_by_person_id, created_at
      from delivery_theme_codings where theme_id = ${from.id}
      on conflict do nothing`);
    await tx.update(themeResponses).set({ themeId: into.id }).where(eq(themeResponses.themeId, from.id));
    await tx.delete(deliveryThemes).where(eq(deliveryThemes.id, from.id));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'delivery.themes_merged',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Merged the theme “${from.name}” into “${into.name}”`,
    });
  });
  return { from: from.name, into: into.name };
}

export async function deleteTheme(db: Db, ctx: WorkspaceContext, programmeId: string, id: string): Promise<string> {
  const theme = await findTheme(db, ctx.workspace.id, programmeId, id);
  if (!theme) throw new NotFoundError();
  await db.delete(deliveryThemes).where(eq(deliveryThemes.id, theme.id));
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_deleted',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Deleted the theme “${theme.name}” and its codes`,
  });
  return theme.name;
}
