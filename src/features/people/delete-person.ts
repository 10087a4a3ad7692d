import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { peoplePolicy } from './policy.ts';
import { findPerson } from './queries.ts';
import { people } from './tables.ts';
import { unindexPerson } from './search-text.ts';

/** Remove a person and, with them, any access they had to this workspace. */
export function deletePerson(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete a person', async ({ tx, workspaceId, member, authorize, audit }) => {
    const person = await findPerson(tx, workspaceId, id);
    if (!person) throw new NotFoundError();
    authorize(peoplePolicy.delete(member, person), 'Only an administrator can delete people, and not themselves.');
    await tx.delete(people).where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
    await unindexPerson(tx, workspaceId, id);
    await audit({ action: 'person.deleted', entityType: 'person', entityId: id, summary: `Deleted ${person.fullName}` });
    return person.fullName;
  });
}
