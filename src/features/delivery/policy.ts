import type { Site } from './sites/queries.ts';
import type { ReturnStatus } from './tables.ts';

/** What the delivery policy needs to know about who is asking, in one programme. */
export interface DeliveryAccess {
  /** Runs the programme: workspace staff, or one of its facilitators. */
  canManage: boolean;
  /** Works for a government department: the centre that reads the dashboard and answers themes. */
  isDepartment: boolean;
  /** Sites this person submits returns for. */
  leadSiteIds: string[];
  /** Sites this person leads or is a contact for. */
  ownSiteIds: string[];
}

/**
 * Who may do what in the delivery loop. Facilitators run it; the department
 * reads the whole picture of submitted returns; a site sees its own returns and
 * only what facilitators share, never another site's draft.
 */
export const deliveryPolicy = {
  manage: (d: DeliveryAccess) => d.canManage,
  seeDashboard: (d: DeliveryAccess) => d.canManage || d.isDepartment,
  submitFor: (d: DeliveryAccess, site: Pick<Site, 'id'>) => d.canManage || d.leadSiteIds.includes(site.id),
  seeSite: (d: DeliveryAccess, site: Pick<Site, 'id'>) => d.canManage || d.isDepartment || d.ownSiteIds.includes(site.id),
  seeReturn: (d: DeliveryAccess, site: Pick<Site, 'id'>, status: ReturnStatus | null) =>
    d.canManage || d.ownSiteIds.includes(site.id) || (d.isDepartment && status === 'submitted'),
  respondToThemes: (d: DeliveryAccess) => d.canManage || d.isDepartment,
};

/** The server's operator at the command line (or a scheduled job) runs every programme. */
export const operatorAccess: DeliveryAccess = { canManage: true, isDepartment: false, leadSiteIds: [], ownSiteIds: [] };
