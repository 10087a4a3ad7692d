import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { programmeChangesPanels, programmeOverviewPanels } from '../programmes/overview-panels.ts';
import { briefingRoutes } from './briefings/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { loadDelivery } from './load.ts';
import { deliveryChanges, deliveryOverview } from './overview-panel.ts';
import { returnRoutes } from './returns/routes.ts';
import { roundRoutes } from './rounds/routes.ts';
import { deliveryParams } from './schemas.ts';
import { siteRoutes } from './sites/routes.ts';
import { templateRoutes } from './template/routes.ts';
import { codingRoutes } from './themes/coding-routes.ts';
import { themeRoutes } from './themes/routes.ts';

/** The delivery loop: its front door, and each part's routes (sites, template, rounds, returns, dashboard, themes, briefings). */
export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  programmeOverviewPanels.add('delivery', deliveryOverview);
  programmeChangesPanels.add('delivery', deliveryChanges);

  // The delivery loop's front door sends each person to what they do here.
  app.get('/:programmeId/delivery', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (delivery.canManage) return reply.redirect(`${delivery.deliveryBase}/rounds`);
    if (delivery.isDepartment) return reply.redirect(`${delivery.deliveryBase}/dashboard`);
    return reply.redirect(`${delivery.deliveryBase}/returns`);
  });

  for (const routes of [siteRoutes, templateRoutes, roundRoutes, returnRoutes, dashboardRoutes, codingRoutes, themeRoutes, briefingRoutes])
    await app.register(routes);
};
