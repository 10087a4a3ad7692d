import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { impactExamples } from './tables.ts';

/** The people running the programme confirm an example (or withdraw their confirmation). */
export function verifyImpact(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string, verified: boolean): Promise<void> {
  return runOperation(db, ctx, 'verify an impact example', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.manage(access), 'Only the people running the programme verify examples.');
    const [updated] = await tx
      .update(impactExamples)
      .set({ verifiedAt: verified ? new Date() : null, verifiedByPersonId: verified ? member.personId : null })
      .where(and(eq(impactExamples.workspaceId, workspaceId), eq(impactExamples.programmeId, programmeId), eq(impactExamples.id, id)))
      .returning({ whatChanged: impactExamples.whatChanged });
    if (!updated) throw new NotFoundError();
    await audit({
      action: verified ? 'impact.verified' : 'impact.unverified',
      entityType: 'impact',
      entityId: id,
      summary: `${verified ? 'Verified' : 'Withdrew verification of'}: ${updated.whatChanged.slice(0, 120)}`,
    });
  });
}
