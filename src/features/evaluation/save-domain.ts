import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { DomainInput } from './schemas.ts';
import { outcomeDomains } from './tables.ts';

/** Add an outcome domain to the framework (last), or rename or describe one when an id is given. */
export function saveDomain(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: DomainInput, id?: string): Promise<string> {
  return runOperation(db, ctx, 'save an outcome domain', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const ofProgramme = and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId));
    let domainId: string;
    if (id) {
      const updated = await tx
        .update(outcomeDomains)
        .set(input)
        .where(and(ofProgramme, eq(outcomeDomains.id, id)))
        .returning({ id: outcomeDomains.id });
      if (!updated.length) throw new NotFoundError();
      domainId = id;
    } else {
      const [last] = await tx
        .select({ position: max(outcomeDomains.position) })
        .from(outcomeDomains)
        .where(ofProgramme);
      const [row] = await tx
        .insert(outcomeDomains)
        .values({ workspaceId, programmeId, ...input, position: (last?.position ?? -1) + 1 })
        .returning({ id: outcomeDomains.id });
      domainId = row.id;
    }
    await audit({
      action: id ? 'evaluation.domain_updated' : 'evaluation.domain_added',
      entityType: 'programme',
      entityId: programmeId,
      summary: `${id ? 'Saved' : 'Added'} the outcome domain “${input.name}”`,
    });
    return domainId;
  });
}
