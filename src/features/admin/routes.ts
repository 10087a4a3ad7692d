import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { pageFrom, pageParam, paginationView } from '../../core/http/pagination.ts';
import { idParams, pathParams, queryOf, queryText } from '../../core/http/route-schemas.ts';
import { adminPolicy } from './policy.ts';
import { auditEntityTypes, findOutboxMessage, listAuditEvents, listOutbox } from './queries.ts';
import { retryJob } from './retry-job.ts';

const auditQuery = queryOf({ q: queryText(200), type: queryText(60), page: pageParam });
const pageQuery = queryOf({ page: pageParam });
const jobParams = pathParams({ jobId: z.uuid() });

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer, jobs } = app.deps;

  app.get('/', async (request, reply) => {
    authorize(adminPolicy.viewAudit(workspaceContext(request).member));
    return reply.page('admin/views/index.njk', { title: 'Admin', mailDelivers: mailer.delivers });
  });

  app.get('/audit', { schema: { querystring: auditQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewAudit(ctx.member));
    const types = await auditEntityTypes(db, ctx.workspace.id);
    const { q } = request.query;
    const entityType = types.includes(request.query.type) ? request.query.type : '';
    const page = pageFrom(request.query.page);
    const { rows, total } = await listAuditEvents(db, ctx.workspace.id, { q, entityType }, page);
    return reply.page('admin/views/audit.njk', {
      title: 'Audit log',
      events: rows,
      filters: { q, type: entityType },
      typeItems: types.map((value) => ({ value, text: value })),
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/admin/audit`, { q, type: entityType }),
    });
  });

  app.get('/outbox', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewOutbox(ctx.member));
    const page = pageFrom(request.query.page);
    const { rows, total } = await listOutbox(db, ctx.workspace.id, page);
    return reply.page('admin/views/outbox.njk', {
      title: 'E-mail outbox',
      messages: rows,
      mailDelivers: mailer.delivers,
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/admin/outbox`, {}),
    });
  });

  app.get('/outbox/:id', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.viewOutbox(ctx.member));
    const message = await findOutboxMessage(db, ctx.workspace.id, request.params.id);
    if (!message) throw new NotFoundError();
    return reply.page('admin/views/message.njk', { title: message.subject, message });
  });

  app.get('/jobs', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(adminPolicy.manageJobs(ctx.member));
    const [queues, failed] = await Promise.all([jobs.summary(ctx.workspace.id), jobs.failed(ctx.workspace.id)]);
    return reply.page('admin/views/jobs.njk', { title: 'Background jobs', queues, failed });
  });

  app.post('/jobs/:jobId/retry', { schema: { params: jobParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const label = await retryJob(db, jobs, ctx, request.params.jobId);
    setFlash(reply, { kind: 'success', text: `The job will be tried again: ${label.toLowerCase()}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/admin/jobs`);
  });
};
