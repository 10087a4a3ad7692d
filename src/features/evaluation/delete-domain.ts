import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { outcomeDomains } from './tables.ts';

/** Take a domain out of the framework; its questions stay, outside any domain, so no answers are lost. Returns its name. */
export function deleteDomain(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete an outcome domain', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const [deleted] = await tx
      .delete(outcomeDomains)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, id)))
      .returning({ name: outcomeDomains.name });
    if (!deleted) throw new NotFoundError();
    await audit({
      action: 'evaluation.domain_deleted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Removed the outcome domain “${deleted.name}”`,
    });
    return deleted.name;
  });
}
