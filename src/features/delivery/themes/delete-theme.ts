import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliveryThemes } from '../tables.ts';
import { findTheme } from './queries.ts';

/** Delete a theme and its codes (the answers stay). Returns its name. */
export function deleteTheme(db: Db, ctx: OperationContext, access: DeliveryAccess, programmeId: string, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete a theme', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const theme = await findTheme(tx, workspaceId, programmeId, id);
    if (!theme) throw new NotFoundError();
    await tx.delete(deliveryThemes).where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.id, theme.id)));
    await audit({
      action: 'delivery.theme_deleted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Deleted the theme “${theme.name}” and its codes`,
    });
    return theme.name;
  });
}
