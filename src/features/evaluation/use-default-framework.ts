import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { createDefaultFramework } from './framework.ts';
import { outcomeDomains } from './tables.ts';

/** Start a programme's framework from the five Mobilise domains and their items, plus the closing questions. */
export function useDefaultFramework(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string): Promise<void> {
  return runOperation(db, ctx, 'use the default framework', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const [existing] = await tx
      .select({ n: count() })
      .from(outcomeDomains)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId)));
    if (existing.n > 0) throw new RuleError('framework', 'This programme already has outcome domains. Edit them instead.');
    await createDefaultFramework(tx, workspaceId, programmeId);
    await audit({
      action: 'evaluation.framework',
      entityType: 'programme',
      entityId: programmeId,
      summary: 'Started the outcome framework from the five Mobilise domains',
    });
  });
}
