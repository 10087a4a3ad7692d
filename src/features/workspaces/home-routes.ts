import type { FastifyPluginAsync } from 'fastify';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { participantAgenda } from '../programmes/agenda.ts';
import { recentActivity, workspaceFigures } from './queries.ts';

/** The workspace's home page. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  app.get('/', async (request, reply) => {
    const { workspace, member } = workspaceContext(request);
    const staff = isStaff(member.role);
    const [stats, agenda, recent] = await Promise.all([
      workspaceFigures(db, workspace.id),
      participantAgenda(db, workspace.id, member.personId),
      staff ? recentActivity(db, workspace.id) : [],
    ]);
    return reply.page('workspaces/views/home.njk', { title: 'Home', stats, recent, staff, agenda });
  });
};
