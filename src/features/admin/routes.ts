import type { FastifyPluginAsync } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { adminPolicy } from './policy.ts';
import { auditEntityTypes, findOutboxMessage, listAuditEvents, listOutbox } from './queries.ts';

export const adminRoutes: FastifyPluginAsync = async (app) => {
  const { db, mailer } = app.deps;

  app.get('/', async (request, reply) => {
    authorize(adminPolicy.viewAudit(workspaceContext(request).member));
    return reply.page('admin/views/index.njk', { title: 'Admin', mailDelivers: mailer.delivers });
  });

  app.get('/audit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewAudit(ctx.member));
    const query = request.query as Record<string, unknown>;
    const types = await auditEntityTypes(db, ctx.workspace.id);
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const entityType = typeof query.type === 'string' && types.includes(query.type) ? query.type : '';
    const page = pageFrom(query.page);
    const { rows, total } = await listAuditEvents(db, ctx.workspace.id, { q, entityType }, page);
    return reply.page('admin/views/audit.njk', {
      title: 'Audit log',
      events: rows,
      filters: { q, type: entityType },
      typeItems: types.map((value) => ({ value, text: value })),
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/admin/audit`, { q, type: entityType }),
    });
  });

  app.get('/outbox', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewOutbox(ctx.member));
    const page = pageFrom((request.query as Record<string, unknown>).page);
    const { rows, total } = await listOutbox(db, ctx.workspace.id, page);
    return reply.page('admin/views/outbox.njk', {
      title: 'E-mail outbox',
      messages: rows,
      mailDelivers: mailer.delivers,
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/admin/outbox`, {}),
    });
  });

  app.get('/outbox/:id', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewOutbox(ctx.member));
    const message = await findOutboxMessage(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!message) throw new NotFoundError();
    return reply.page('admin/views/message.njk', { title: message.subject, message });
  });
};
