import type { FastifyPluginAsync } from 'fastify';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { programmeOverviewPanels } from '../programmes/overview-panels.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from './access.ts';
import { deliveryOverview } from './overview-panel.ts';
import { addSites, removeSite, removeSiteContact, setSiteContact, SiteRuleError, siteOptions, sitesOf } from './sites.ts';
import { siteContactRoles } from './tables.ts';

/** The delivery loop's front door and its sites; templates, rounds and the dashboard have routes of their own. */
export const deliveryRoutes: FastifyPluginAsync = async (app) => {
  programmeOverviewPanels.add('delivery', deliveryOverview);
  const { db } = app.deps;

  // The delivery loop's front door sends each person to what they do here.
  app.get('/:programmeId/delivery', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (delivery.canManage) return reply.redirect(`${delivery.deliveryBase}/rounds`);
    if (delivery.isDepartment) return reply.redirect(`${delivery.deliveryBase}/dashboard`);
    return reply.redirect(`${delivery.deliveryBase}/returns`);
  });

  async function sitesPage(delivery: DeliveryRequest, errors: FormErrors = noErrors) {
    const workspaceId = delivery.ctx.workspace.id;
    const [sites, options] = await Promise.all([sitesOf(db, workspaceId, delivery.programme.id), siteOptions(db, workspaceId, delivery.programme.id)]);
    const hubs = new Map<string, { hub: string; region: string; sites: typeof sites }>();
    for (const site of sites) {
      const key = site.hub || 'Not in a hub';
      const entry = hubs.get(key) ?? { hub: key, region: site.region, sites: [] };
      entry.sites.push(site);
      hubs.set(key, entry);
    }
    return {
      ...delivery,
      title: `Sites – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'sites',
      hubs: [...hubs.values()],
      siteCount: sites.length,
      organisationOptions: options.map((o) => ({ value: o.id, text: o.kind === 'hub' || o.kind === 'region' ? `${o.name} (every authority in it)` : o.name })),
      errors,
    };
  }

  app.get('/:programmeId/delivery/sites', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/sites.njk', await sitesPage(delivery));
  });

  app.post('/:programmeId/delivery/sites', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const { organisationId } = (request.body ?? {}) as { organisationId?: string };
    if (!organisationId)
      return reply
        .status(400)
        .page('delivery/views/sites.njk', await sitesPage(delivery, fieldError('organisationId', 'Choose an authority, hub or region to add')));
    try {
      const added = await addSites(db, delivery.ctx, delivery.programme.id, organisationId);
      return redirectWithFlash(
        reply,
        delivery.deliveryBase + '/sites',
        added ? `Added ${added} site${added === 1 ? '' : 's'}.` : 'Those sites were already in the programme.',
      );
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return reply.status(400).page('delivery/views/sites.njk', await sitesPage(delivery, fieldError('organisationId', error.message)));
    }
  });

  app.post('/:programmeId/delivery/sites/:siteId/remove', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    try {
      const name = await removeSite(db, delivery.ctx, delivery.programme.id, (request.params as { siteId: string }).siteId);
      return redirectWithFlash(reply, delivery.deliveryBase + '/sites', `Removed ${name}.`);
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return redirectWithFlash(reply, delivery.deliveryBase + '/sites', error.message, 'important');
    }
  });

  app.post('/:programmeId/delivery/sites/:siteId/contacts', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const { siteId } = request.params as { siteId: string };
    const body = (request.body ?? {}) as { personId?: string; role?: string; action?: string };
    if (body.action === 'remove') {
      await removeSiteContact(db, delivery.ctx, delivery.programme.id, siteId, String(body.personId ?? ''));
      return redirectWithFlash(reply, delivery.deliveryBase + `/sites/${siteId}`, 'Removed the contact.');
    }
    const role = (siteContactRoles as readonly string[]).includes(String(body.role)) ? (body.role as (typeof siteContactRoles)[number]) : 'contact';
    try {
      const name = await setSiteContact(db, delivery.ctx, delivery.programme.id, siteId, String(body.personId ?? ''), role);
      return redirectWithFlash(
        reply,
        delivery.deliveryBase + `/sites/${siteId}`,
        `${name} is now ${role === 'lead' ? 'a lead, who submits the returns' : 'a contact'}.`,
      );
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return redirectWithFlash(reply, delivery.deliveryBase + `/sites/${siteId}`, error.message, 'important');
    }
  });
};
