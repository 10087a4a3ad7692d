import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliveryThemes } from '../tables.ts';
import { findTheme, nameTaken } from './queries.ts';

/** Add a theme to the codebook, or rename one (with its description). */
export function saveTheme(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  input: { name: string; description: string },
  id?: string,
): Promise<string> {
  return runOperation(db, ctx, 'save a theme', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    if (await nameTaken(tx, workspaceId, programmeId, input.name, id))
      throw new RuleError('name', `There is already a theme called “${input.name}”. Merge into it instead.`);
    if (id) {
      const theme = await findTheme(tx, workspaceId, programmeId, id);
      if (!theme) throw new NotFoundError();
      await tx
        .update(deliveryThemes)
        .set(input)
        .where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.id, id)));
      await audit({
        action: 'delivery.theme_changed',
        entityType: 'programme',
        entityId: programmeId,
        summary: `Renamed the theme “${theme.name}” to “${input.name}”`,
      });
      return id;
    }
    const [row] = await tx
      .insert(deliveryThemes)
      .values({ workspaceId, programmeId, ...input })
      .returning({ id: deliveryThemes.id });
    await audit({ action: 'delivery.theme_added', entityType: 'programme', entityId: programmeId, summary: `Added the theme “${input.name}”` });
    return row.id;
  });
}
