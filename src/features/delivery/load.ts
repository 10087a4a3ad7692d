import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { deliveryPolicy, type DeliveryAccess } from './policy.ts';
import { isDepartmentPerson, sitesOfPerson } from './sites/queries.ts';

export interface DeliveryRequest extends ProgrammeRequest, DeliveryAccess {
  canSeeDashboard: boolean;
  isSiteContact: boolean;
  /** Where the delivery pages live. */
  deliveryBase: string;
}

/** The delivery programme in the URL, with what this person may do in its loop. */
export async function loadDelivery(request: FastifyRequest, programmeId: string): Promise<DeliveryRequest> {
  const loaded = await loadProgramme(request, programmeId);
  if (loaded.programme.kind !== 'delivery_support')
    throw new NotFoundError('Checkpoint returns belong to delivery support programmes. This programme is a cohort learning programme.');
  const { db } = request.server.deps;
  const workspaceId = loaded.ctx.workspace.id;
  const [mine, isDepartment] = await Promise.all([
    sitesOfPerson(db, workspaceId, loaded.programme.id, loaded.ctx.member.personId),
    isDepartmentPerson(db, workspaceId, loaded.ctx.member.personId),
  ]);
  const access: DeliveryAccess = {
    canManage: loaded.canManage,
    isDepartment,
    leadSiteIds: mine.filter((m) => m.role === 'lead').map((m) => m.siteId),
    ownSiteIds: mine.map((m) => m.siteId),
  };
  return {
    ...loaded,
    ...access,
    canSeeDashboard: deliveryPolicy.seeDashboard(access),
    isSiteContact: mine.length > 0,
    deliveryBase: `${loaded.base}/delivery`,
  };
}

/** The delivery programme in the URL, for pages only the people running it may use. */
export async function loadManagedDelivery(request: FastifyRequest, programmeId: string): Promise<DeliveryRequest> {
  const delivery = await loadDelivery(request, programmeId);
  if (!deliveryPolicy.manage(delivery)) throw new ForbiddenError('Only the people running the programme can change its sites, template and rounds.');
  return delivery;
}
