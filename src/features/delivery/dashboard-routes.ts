import type { FastifyPluginAsync } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { buildDashboard, dashboardWorkbook } from './dashboard.ts';
import { loadDelivery } from './access.ts';

/** The department's live dashboard, on the page and as a spreadsheet. */
export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  const filtersFrom = (query: Record<string, string | undefined>) => ({
    round: query.round && /^\d{1,5}$/.test(query.round) ? Number(query.round) : undefined,
    hubId: query.hub && /^[0-9a-f-]{36}$/i.test(query.hub) ? query.hub : undefined,
    region: query.region ? query.region.slice(0, 100) : undefined,
  });

  app.get('/:programmeId/delivery/dashboard', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard)
      throw new ForbiddenError(
        'The dashboard is for the programme team and the department. Your own returns and the briefings shared with sites are under “Your returns” and “Briefings”.',
      );
    const query = request.query as Record<string, string | undefined>;
    const dashboard = await buildDashboard(db, delivery.ctx.workspace.id, delivery.programme.id, filtersFrom(query));
    const params = new URLSearchParams(
      Object.entries({ round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region ?? '' }).filter(([, v]) => v),
    );
    return reply.page('delivery/views/dashboard.njk', {
      ...delivery,
      title: `Dashboard – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'dashboard',
      dashboard,
      query: { round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region ?? '' },
      exportQuery: params.toString(),
      roundOptions: dashboard.rounds.map((r) => ({ value: String(r.number), text: `${r.number}: ${r.title}` })),
      hubOptions: dashboard.hubs.map((h) => ({ value: h.id, text: h.name })),
      regionOptions: dashboard.regions.map((r) => ({ value: r, text: r })),
    });
  });

  app.get('/:programmeId/delivery/dashboard.xlsx', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) throw new ForbiddenError('The dashboard is for the programme team and the department.');
    const dashboard = await buildDashboard(
      db,
      delivery.ctx.workspace.id,
      delivery.programme.id,
      filtersFrom(request.query as Record<string, string | undefined>),
    );
    if (dashboard.empty) throw new NotFoundError('There are no rounds to export yet.');
    const buffer = await dashboardWorkbook(dashboard, delivery.programme.name);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="dashboard round ${dashboard.round.number}.xlsx"`)
      .send(buffer);
  });
};
