import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError, NotFoundError } from '../../../core/http/errors.ts';
import { loadDelivery } from '../load.ts';
import { deliveryParams } from '../schemas.ts';
import { buildDashboard, dashboardWorkbook } from './dashboard.ts';
import { dashboardQuery } from './schemas.ts';

/** The department's live dashboard, on the page and as a spreadsheet. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  const schema = { params: deliveryParams, querystring: dashboardQuery };
  const filtersFrom = (query: { round?: number; hub?: string; region: string }) => ({
    round: query.round,
    hubId: query.hub,
    region: query.region || undefined,
  });

  app.get('/:programmeId/delivery/dashboard', { schema }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard)
      throw new ForbiddenError(
        'The dashboard is for the programme team and the department. Your own returns and the briefings shared with sites are under “Your returns” and “Briefings”.',
      );
    const query = request.query;
    const dashboard = await buildDashboard(db, delivery.ctx.workspace.id, delivery.programme.id, filtersFrom(query));
    const params = new URLSearchParams(
      Object.entries({ round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region }).filter(([, v]) => v),
    );
    return reply.page('delivery/views/dashboard.njk', {
      ...delivery,
      title: `Dashboard – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'dashboard',
      dashboard,
      query: { round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region },
      showSites: Boolean(query.hub || query.region || query.sites === 'all'),
      exportQuery: params.toString(),
      roundOptions: dashboard.rounds.map((r) => ({ value: String(r.number), text: `${r.number}: ${r.title}` })),
      hubOptions: dashboard.hubs.map((h) => ({ value: h.id, text: h.name })),
      regionOptions: dashboard.regions.map((r) => ({ value: r, text: r })),
    });
  });

  app.get('/:programmeId/delivery/dashboard.xlsx', { schema }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard) throw new ForbiddenError('The dashboard is for the programme team and the department.');
    const dashboard = await buildDashboard(db, delivery.ctx.workspace.id, delivery.programme.id, filtersFrom(request.query));
    if (dashboard.empty) throw new NotFoundError('There are no rounds to export yet.');
    const buffer = await dashboardWorkbook(dashboard, delivery.programme.name);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="dashboard round ${dashboard.round.number}.xlsx"`)
      .send(buffer);
  });
};
