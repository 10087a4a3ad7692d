import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { supportRequestStatusLabels } from '../../core/views/labels.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { RequestUpdateInput } from './schemas.ts';
import { assigneeOptions } from './support-queries.ts';
import { supportRequests } from './support-tables.ts';

/**
 * Assign, answer and close a request. The first time anything but "open" is
 * saved, or a response written, counts as the first response; resolving stamps
 * the time so response and resolution times can be reported.
 */
export function updateSupportRequest(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  requestId: string,
  input: RequestUpdateInput,
) {
  return runOperation(db, ctx, 'update a support request', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const where = and(eq(supportRequests.workspaceId, workspaceId), eq(supportRequests.programmeId, programmeId), eq(supportRequests.id, requestId));
    const [request] = await tx.select().from(supportRequests).where(where);
    if (!request) throw new NotFoundError();
    if (input.assignedToPersonId) {
      const allowed = (await assigneeOptions(tx, workspaceId, programmeId)).some((option) => option.value === input.assignedToPersonId);
      if (!allowed) throw new RuleError('assignedToPersonId', 'Assign the request to one of the programme’s facilitators');
    }
    if (input.status === 'resolved' && !input.response && !request.response) {
      throw new RuleError('response', 'Write the response before marking the request resolved');
    }
    const now = new Date();
    const responded = input.status !== 'open' || input.response !== '';
    await tx
      .update(supportRequests)
      .set({
        ...input,
        firstResponseAt: request.firstResponseAt ?? (responded ? now : null),
        resolvedAt: input.status === 'resolved' ? (request.resolvedAt ?? now) : null,
        updatedAt: now,
      })
      .where(where);
    await audit({
      action: 'support.updated',
      entityType: 'support_request',
      entityId: request.id,
      summary: `Support request “${request.subject}” is now ${(supportRequestStatusLabels[input.status] ?? input.status).toLowerCase()}`,
    });
  });
}
