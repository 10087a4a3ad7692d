import type { FastifyPluginAsync } from 'fastify';
import { count, desc, eq } from 'drizzle-orm';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { auditEvents } from '../../core/db/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';
import { participantAgenda } from '../programmes/agenda.ts';

export const homeRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  app.get('/', async (request, reply) => {
    const { workspace, member } = workspaceContext(request);
    const total = async (table: typeof people | typeof organisations | typeof topics) =>
      (await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspace.id)))[0].n;
    const [peopleCount, organisationCount, topicCount, agenda] = await Promise.all([
      total(people),
      total(organisations),
      total(topics),
      participantAgenda(db, workspace.id, member.personId),
    ]);
    const recent = isStaff(member.role)
      ? await db
          .select({ summary: auditEvents.summary, actorName: auditEvents.actorName, createdAt: auditEvents.createdAt })
          .from(auditEvents)
          .where(eq(auditEvents.workspaceId, workspace.id))
          .orderBy(desc(auditEvents.createdAt))
          .limit(8)
      : [];
    return reply.page('workspaces/views/home.njk', {
      title: 'Home',
      stats: { people: peopleCount, organisations: organisationCount, topics: topicCount },
      recent,
      staff: isStaff(member.role),
      agenda,
    });
  });
};
