import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { returnTemplates, type TemplateDefinition } from '../tables.ts';
import { emptyDefinition } from './definition.ts';
import { latestTemplate, templateInUse, type Template } from './queries.ts';

/**
 * Apply a change to the programme's template. A version already used by a
 * round is frozen, so the change is written as the next version and earlier
 * returns keep the questions they answered. `change` may refuse with a
 * RuleError, after seeing the template as it is in the transaction.
 */
export function changeTemplate(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  summary: string,
  change: (definition: TemplateDefinition) => void,
): Promise<Template> {
  return runOperation(db, ctx, 'change the return template', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const current = await latestTemplate(tx, workspaceId, programmeId);
    const definition: TemplateDefinition = structuredClone(current?.definition ?? emptyDefinition());
    change(definition);
    let saved: Template;
    if (current && !(await templateInUse(tx, workspaceId, current.id))) {
      [saved] = await tx
        .update(returnTemplates)
        .set({ definition })
        .where(and(eq(returnTemplates.workspaceId, workspaceId), eq(returnTemplates.id, current.id)))
        .returning();
    } else {
      [saved] = await tx
        .insert(returnTemplates)
        .values({ workspaceId, programmeId, version: (current?.version ?? 0) + 1, definition })
        .returning();
    }
    await audit({
      action: 'delivery.template_changed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `${summary} (return template version ${saved.version})`,
    });
    return saved;
  });
}
