import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { organisationPolicy } from './policy.ts';
import { findOrganisation } from './queries.ts';
import { organisations } from './tables.ts';

/** Delete an organisation; its members and people stay, without it. */
export function deleteOrganisation(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete an organisation', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(organisationPolicy.delete(member));
    const organisation = await findOrganisation(tx, workspaceId, id);
    if (!organisation) throw new NotFoundError();
    await tx.delete(organisations).where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, id)));
    await audit({ action: 'organisation.deleted', entityType: 'organisation', entityId: id, summary: `Deleted the organisation “${organisation.name}”` });
    return organisation.name;
  });
}
