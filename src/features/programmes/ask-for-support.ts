import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { SupportRequestInput } from './schemas.ts';
import { supportRequests } from './support-tables.ts';

/** A participant asks the programme team for consultancy support. */
export function askForSupport(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: SupportRequestInput): Promise<string> {
  return runOperation(db, ctx, 'ask for support', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(programmePolicy.participate(access), 'Only the programme’s participants ask for consultancy support on it.');
    const [created] = await tx
      .insert(supportRequests)
      .values({ workspaceId, programmeId, requestedByPersonId: member.personId, ...input })
      .returning({ id: supportRequests.id });
    await audit({ action: 'support.requested', entityType: 'support_request', entityId: created.id, summary: `Asked for support: ${input.subject}` });
    return created.id;
  });
}
