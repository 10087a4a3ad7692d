import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { organisationPolicy } from './policy.ts';
import { ancestorsOf, findOrganisation } from './queries.ts';
import type { OrganisationInput } from './schemas.ts';
import { organisations } from './tables.ts';

/** A rule the form shows against one field. */
export class OrganisationRuleError extends Error {
  constructor(
    readonly field: keyof OrganisationInput,
    message: string,
  ) {
    super(message);
  }
}

/** Create or update an organisation; its parent must be in the same workspace and not inside it. */
export async function saveOrganisation(db: Db, ctx: WorkspaceContext, input: OrganisationInput, id?: string): Promise<string> {
  authorize(id ? organisationPolicy.edit(ctx.member) : organisationPolicy.create(ctx.member));
  const workspaceId = ctx.workspace.id;
  try {
    return await db.transaction(async (tx) => {
      if (input.parentId) {
        const parent = await findOrganisation(tx, workspaceId, input.parentId);
        if (!parent) throw new OrganisationRuleError('parentId', 'Select a parent organisation from the list');
        if (id && (parent.id === id || (await ancestorsOf(tx, workspaceId, parent.id)).some((a) => a.id === id))) {
          throw new OrganisationRuleError('parentId', 'An organisation cannot sit inside itself or one of its own members');
        }
      }
      if (!id) {
        const [created] = await tx
          .insert(organisations)
          .values({ workspaceId, ...input })
          .returning({ id: organisations.id });
        await recordAudit(tx, workspaceId, ctx.actor, {
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: created.id,
          summary: `Added the organisation “${input.name}”`,
        });
        return created.id;
      }
      const before = await findOrganisation(tx, workspaceId, id);
      if (!before) throw new NotFoundError();
      await tx
        .update(organisations)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.id, id)));
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        summary: `Updated the organisation “${input.name}”`,
        changes: changedFields(before, input),
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new OrganisationRuleError('name', 'There is already an organisation with that name');
    throw error;
  }
}

/** Delete an organisation; its members and people stay, without it. */
export async function deleteOrganisation(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  authorize(organisationPolicy.delete(ctx.member));
  return db.transaction(async (tx) => {
    const organisation = await findOrganisation(tx, ctx.workspace.id, id);
    if (!organisation) throw new NotFoundError();
    await tx.delete(organisations).where(and(eq(organisations.workspaceId, ctx.workspace.id), eq(organisations.id, id)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'organisation.deleted',
      entityType: 'organisation',
      entityId: id,
      summary: `Deleted the organisation “${organisation.name}”`,
    });
    return organisation.name;
  });
}
