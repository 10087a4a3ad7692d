import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { loadProgramme, programmeIdFrom, type ProgrammeRequest } from '../programmes/load.ts';
import { isDepartmentPerson, sitesOfPerson, type Site } from './sites.ts';
import type { ReturnStatus } from './tables.ts';

export interface DeliveryRequest extends ProgrammeRequest {
  /** Sites this person submits returns for. */
  leadSiteIds: string[];
  /** Sites this person leads or is a contact for. */
  ownSiteIds: string[];
  /** Works for a government department: the centre that reads the dashboard and answers themes. */
  isDepartment: boolean;
  canSeeDashboard: boolean;
  isSiteContact: boolean;
  /** Where the delivery pages live. */
  deliveryBase: string;
}

/**
 * Who may do what in the delivery loop. Facilitators run it; the department
 * reads the whole picture of submitted returns; a site sees its own returns and
 * only what facilitators share, never another site's draft.
 */
export const deliveryPolicy = {
  manage: (d: DeliveryRequest) => d.canManage,
  seeDashboard: (d: DeliveryRequest) => d.canManage || d.isDepartment,
  submitFor: (d: DeliveryRequest, site: Pick<Site, 'id'>) => d.canManage || d.leadSiteIds.includes(site.id),
  seeSite: (d: DeliveryRequest, site: Pick<Site, 'id'>) => d.canManage || d.isDepartment || d.ownSiteIds.includes(site.id),
  seeReturn: (d: DeliveryRequest, site: Pick<Site, 'id'>, status: ReturnStatus | null) =>
    d.canManage || d.ownSiteIds.includes(site.id) || (d.isDepartment && status === 'submitted'),
  respondToThemes: (d: DeliveryRequest) => d.canManage || d.isDepartment,
};

export async function loadDelivery(request: FastifyRequest): Promise<DeliveryRequest> {
  const loaded = await loadProgramme(request, programmeIdFrom(request));
  if (loaded.programme.kind !== 'delivery_support')
    throw new NotFoundError('Checkpoint returns belong to delivery support programmes. This programme is a cohort learning programme.');
  const { db } = request.server.deps;
  const workspaceId = loaded.ctx.workspace.id;
  const [mine, isDepartment] = await Promise.all([
    sitesOfPerson(db, workspaceId, loaded.programme.id, loaded.ctx.member.personId),
    isDepartmentPerson(db, workspaceId, loaded.ctx.member.personId),
  ]);
  const delivery: DeliveryRequest = {
    ...loaded,
    leadSiteIds: mine.filter((m) => m.role === 'lead').map((m) => m.siteId),
    ownSiteIds: mine.map((m) => m.siteId),
    isDepartment,
    canSeeDashboard: false,
    isSiteContact: mine.length > 0,
    deliveryBase: `${loaded.base}/delivery`,
  };
  delivery.canSeeDashboard = deliveryPolicy.seeDashboard(delivery);
  return delivery;
}

/** The delivery programme in the URL, for pages only the people running it may use. */
export async function loadManagedDelivery(request: FastifyRequest): Promise<DeliveryRequest> {
  const delivery = await loadDelivery(request);
  requireManager(delivery);
  return delivery;
}

export function requireManager(delivery: DeliveryRequest): void {
  if (!deliveryPolicy.manage(delivery)) throw new ForbiddenError('Only the people running the programme can change its sites, template and rounds.');
}
