import type { Db } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { personalDataOf, type PersonalData } from './personal-data.ts';
import { privacyPolicy } from './policy.ts';

/**
 * Gather what is held about a person for them or an administrator answering
 * their request. Reading it is recorded in the audit trail: who saw a whole
 * person's data, and when, is itself something the workspace must be able to say.
 */
export function exportPersonalData(db: Db, ctx: OperationContext, personId: string, format: 'page' | 'json'): Promise<PersonalData> {
  return runOperation(db, ctx, 'export a person’s data', async ({ tx, member, authorize, audit }) => {
    authorize(privacyPolicy.exportData(member, { id: personId }), 'Only administrators, and the person themselves, see everything held about someone.');
    const data = await personalDataOf(tx, ctx.workspace, personId);
    if (!data) throw new NotFoundError();
    await audit({
      action: 'person.data_exported',
      entityType: 'person',
      entityId: personId,
      summary: `${format === 'json' ? 'Downloaded' : 'Looked at'} everything held about ${String(data.person.fullName)}`,
    });
    return data;
  });
}
