import { and, eq, inArray } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { mayRecordImpact } from './impact-queries.ts';
import type { ImpactInput } from './schemas.ts';
import { impactEvidence, impactExamples, impactSessions } from './tables.ts';

/** Record an example of evidence in use, or change one (which then needs verifying again). */
export function saveImpact(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ImpactInput, id?: string): Promise<string> {
  const { evidenceIds, sessionIds, ...fields } = input;
  const evidence = [...new Set(evidenceIds)];
  const sessionList = [...new Set(sessionIds)];
  return runOperation(db, ctx, 'save an impact example', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(mayRecordImpact(access));
    if (evidence.length) {
      const found = evidence.every(isUuid)
        ? await tx
            .select({ id: evidenceItems.id })
            .from(evidenceItems)
            .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, evidence)))
        : [];
      if (found.length !== evidence.length) throw new RuleError('evidenceIds', 'Choose evidence from the library');
    }
    if (sessionList.length) {
      const found = sessionList.every(isUuid)
        ? await tx
            .select({ id: programmeSessions.id })
            .from(programmeSessions)
            .where(
              and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId), inArray(programmeSessions.id, sessionList)),
            )
        : [];
      if (found.length !== sessionList.length) throw new RuleError('sessionIds', 'Choose sessions from this programme');
    }
    let impactId: string;
    if (id) {
      const where = and(eq(impactExamples.workspaceId, workspaceId), eq(impactExamples.programmeId, programmeId), eq(impactExamples.id, id));
      const [existing] = await tx.select().from(impactExamples).where(where);
      if (!existing) throw new NotFoundError();
      authorize(programmePolicy.manage(access) || existing.recordedByPersonId === member.personId, 'You can change the examples you recorded.');
      impactId = existing.id;
      // A changed example needs checking again.
      await tx
        .update(impactExamples)
        .set({ ...fields, verifiedAt: null, verifiedByPersonId: null, updatedAt: new Date() })
        .where(where);
      await tx.delete(impactEvidence).where(and(eq(impactEvidence.workspaceId, workspaceId), eq(impactEvidence.impactId, impactId)));
      await tx.delete(impactSessions).where(and(eq(impactSessions.workspaceId, workspaceId), eq(impactSessions.impactId, impactId)));
      await audit({
        action: 'impact.updated',
        entityType: 'impact',
        entityId: impactId,
        summary: `Changed the example of evidence use: ${fields.whatChanged.slice(0, 120)}`,
        changes: changedFields(existing, fields),
      });
    } else {
      const [row] = await tx
        .insert(impactExamples)
        .values({ workspaceId, programmeId, ...fields, recordedByPersonId: member.personId })
        .returning({ id: impactExamples.id });
      impactId = row.id;
      await audit({
        action: 'impact.recorded',
        entityType: 'impact',
        entityId: impactId,
        summary: `Recorded evidence use: ${fields.whatChanged.slice(0, 120)}`,
      });
    }
    if (evidence.length) await tx.insert(impactEvidence).values(evidence.map((evidenceId) => ({ workspaceId, impactId, evidenceId })));
    if (sessionList.length) await tx.insert(impactSessions).values(sessionList.map((sessionId) => ({ workspaceId, impactId, sessionId })));
    return impactId;
  });
}
