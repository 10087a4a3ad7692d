import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { ChangeInput } from './schemas.ts';
import { changeFeedback, programmeChanges, programmeSessions, sessionFeedback } from './tables.ts';

/** "You said, we did": a change made to the programme, with the feedback that prompted it. */
export function recordChange(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ChangeInput): Promise<string> {
  const ids = [...new Set(input.feedbackIds)];
  return runOperation(db, ctx, 'record a programme change', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    if (ids.length) {
      const valid = ids.every(isUuid)
        ? await tx
            .select({ id: sessionFeedback.id })
            .from(sessionFeedback)
            .innerJoin(
              programmeSessions,
              and(eq(programmeSessions.workspaceId, sessionFeedback.workspaceId), eq(programmeSessions.id, sessionFeedback.sessionId)),
            )
            .where(and(eq(sessionFeedback.workspaceId, workspaceId), eq(programmeSessions.programmeId, programmeId), inArray(sessionFeedback.id, ids)))
        : [];
      if (valid.length !== ids.length) throw new RuleError('feedbackIds', 'Choose feedback given on this programme’s sessions');
    }
    const [change] = await tx
      .insert(programmeChanges)
      .values({ workspaceId, programmeId, youSaid: input.youSaid, weDid: input.weDid, madeOn: input.madeOn, recordedByPersonId: member.personId })
      .returning({ id: programmeChanges.id });
    if (ids.length) await tx.insert(changeFeedback).values(ids.map((feedbackId) => ({ workspaceId, changeId: change.id, feedbackId })));
    await audit({
      action: 'programme.change_recorded',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Recorded a change: ${input.weDid.slice(0, 120)}`,
    });
    return change.id;
  });
}
