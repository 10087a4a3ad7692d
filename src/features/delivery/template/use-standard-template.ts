import type { Db } from '../../../core/db/client.ts';
import { RuleError } from '../../../core/http/errors.ts';
import type { OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import type { DeliveryAccess } from '../policy.ts';
import { changeTemplate } from './change-template.ts';
import { itemCount, standardDefinition } from './definition.ts';
import type { Template } from './queries.ts';

/** Start an empty template from the standard fostering recruitment return. */
export function useStandardTemplate(db: Db, ctx: OperationContext, access: DeliveryAccess, programme: Programme): Promise<Template> {
  return changeTemplate(db, ctx, access, programme.id, 'Started from the standard fostering recruitment return', (definition) => {
    if (itemCount(definition) > 0) throw new RuleError('template', 'The template already has items. Change them one by one below.');
    Object.assign(definition, standardDefinition(programme.startsOn));
  });
}
