import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError, NotFoundError } from '../../../core/http/errors.ts';
import { redirectWithFlash } from '../../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { countOf } from '../../../core/views/format.ts';
import { siteHistory } from '../dashboard/dashboard.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { deliveryPolicy } from '../policy.ts';
import { deliveryParams, siteParams } from '../schemas.ts';
import { addSites } from './add-sites.ts';
import { contactOptions, findSite, siteOptions, sitesOf } from './queries.ts';
import { removeSiteContact } from './remove-site-contact.ts';
import { removeSite } from './remove-site.ts';
import { addSitesSchema, siteContactSchema } from './schemas.ts';
import { setSiteContact } from './set-site-contact.ts';

/** The programme's sites, grouped by hub, and who answers for each. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

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

  app.get('/:programmeId/delivery/sites', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/sites.njk', await sitesPage(delivery));
  });

  /** One site: its contacts and its history across rounds. */
  app.get('/:programmeId/delivery/sites/:siteId', { schema: { params: siteParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    const workspaceId = delivery.ctx.workspace.id;
    const site = await findSite(db, workspaceId, delivery.programme.id, request.params.siteId);
    if (!site) throw new NotFoundError();
    if (!deliveryPolicy.seeSite(delivery, site))
      throw new ForbiddenError(`You can see only the sites you answer for. Ask the programme team if you should answer for ${site.name}.`);
    const [history, peopleOptions] = await Promise.all([
      siteHistory(db, workspaceId, delivery.programme.id, site, { includeDrafts: delivery.canManage || delivery.ownSiteIds.includes(site.id) }),
      delivery.canManage ? contactOptions(db, workspaceId) : [],
    ]);
    return reply.page('delivery/views/site.njk', {
      ...delivery,
      title: `${site.name} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: delivery.canSeeDashboard ? 'sites' : 'returns',
      site,
      history,
      peopleOptions,
    });
  });

  app.post('/:programmeId/delivery/sites', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitForm(reply, {
      schema: addSitesSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/sites.njk', await sitesPage(delivery, errors)),
      save: ({ organisationId }) => addSites(db, delivery.ctx, delivery, delivery.programme, organisationId),
      done: (added) => ({
        to: `${delivery.deliveryBase}/sites`,
        flash: added ? `Added ${countOf(added, 'site')}.` : 'Those sites were already in the programme.',
      }),
    });
  });

  app.post('/:programmeId/delivery/sites/:siteId/remove', { schema: { params: siteParams } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitAction(reply, {
      back: `${delivery.deliveryBase}/sites`,
      run: () => removeSite(db, delivery.ctx, delivery, delivery.programme, request.params.siteId),
      done: (name) => ({ flash: `Removed ${name}.` }),
    });
  });

  app.post('/:programmeId/delivery/sites/:siteId/contacts', { schema: { params: siteParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const { siteId } = request.params;
    const back = `${delivery.deliveryBase}/sites/${siteId}`;
    // Each contact is a small form in a list on the site's page: what is wrong shows in the banner there.
    const parsed = siteContactSchema.safeParse(request.body);
    if (!parsed.success) return redirectWithFlash(reply, back, parsed.error.issues[0].message, 'important');
    const { personId, role, action } = parsed.data;
    if (action === 'remove')
      return submitAction(reply, {
        back,
        run: () => removeSiteContact(db, delivery.ctx, delivery, delivery.programme, siteId, personId),
        done: () => ({ flash: 'Removed the contact.' }),
      });
    return submitAction(reply, {
      back,
      run: () => setSiteContact(db, delivery.ctx, delivery, delivery.programme, siteId, { personId, role }),
      done: (name) => ({ flash: `${name} is now ${role === 'lead' ? 'a lead, who submits the returns' : 'a contact'}.` }),
    });
  });
};
