import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { organisationPolicy } from './policy.ts';
import { ancestorsOf, findOrganisation } from './queries.ts';
import type { OrganisationInput } from './schemas.ts';
import { organisations } from './tables.ts';

/** Create or update an organisation; its parent must be in the same workspace and not inside it. */
export async function saveOrganisation(db: Db, ctx: WorkspaceContext, input: OrganisationInput, id?: string): Promise<string> {
  try {
    return await runOperation(db, ctx, 'save an organisation', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(id ? organisationPolicy.edit(member) : organisationPolicy.create(member));
      if (input.parentId) {
        const parent = await findOrganisation(tx, workspaceId, input.parentId);
        if (!parent) throw new RuleError('parentId', 'Select a parent organisation from the list');
        if (id && (parent.id === id || (await ancestorsOf(tx, workspaceId, parent.id)).some((a) => a.id === id))) {
          throw new RuleError('parentId', 'An organisation cannot sit inside itself or one of its own members');
        }
      }
      if (!id) {
        const [created] = await tx
          .insert(organisations)
          .values({ workspaceId, ...input })
          .returning({ id: organisations.id });
        await audit({ action: 'organisation.created', entityType: 'organisation', entityId: created.id, summary: `Added the organisation “${input.name}”` });
        return created.id;
      }
      const before = await findOrganisation(tx, workspaceId, id);
      if (!before) throw new NotFoundError();
      await tx
        .update(organisations)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, id)));
      await audit({
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        summary: `Updated the organisation “${input.name}”`,
        changes: changedFields(before, input),
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('name', 'There is already an organisation with that name');
    throw error;
  }
}
