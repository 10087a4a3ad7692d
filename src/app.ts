import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import staticFiles from '@fastify/static';
import type { Config } from './config.ts';
import { fromRoot } from './core/paths.ts';
import type { Database } from './core/db/client.ts';
import { createMailer, type Mailer } from './core/mailer.ts';
import { JobQueue } from './core/jobs.ts';
import { backgroundJobs } from './jobs.ts';
import { onEventsPublished } from './core/events.ts';
import { WEBHOOK_DELIVERY_JOB } from './features/webhooks/deliver-webhooks.ts';
import { createViewEnvironment } from './core/views/render.ts';
import { renderFragment, renderPage } from './core/http/render.ts';
import { registerErrorHandling } from './core/http/error-handler.ts';
import { addRequestGate } from './core/http/request-gate.ts';
import { OPERATIONS_PATHS, addOperationsRoutes } from './core/http/operations-routes.ts';
import { MAX_UPLOAD_BYTES, type UploadedFile } from './core/http/uploads.ts';
import { formBody } from './core/http/route-schemas.ts';
import { CSRF_COOKIE, sessionHook } from './features/accounts/session-hook.ts';
import './core/http/deps.ts';
import { ssoSignInRoutes } from './features/sso/routes.ts';
import { accountRoutes } from './features/accounts/routes.ts';
import { setupRoutes } from './features/workspaces/setup-routes.ts';
import { sitePages } from './features/site/routes.ts';
import { workspaceScope } from './features/workspaces/scope.ts';
import { invitationRoutes } from './features/access/invitation-routes.ts';
import { calendarFeedRoutes } from './features/programmes/feed-routes.ts';
import { communityFeedRoutes } from './features/communities/events/feed-routes.ts';
import { publicGuideRoutes } from './features/guides/public-routes.ts';
import { publicLessonRoutes } from './features/lessons/public-routes.ts';
import { publicPrivacyRoutes } from './features/privacy/settings-routes.ts';
import { respondRoutes } from './features/evaluation/respond-routes.ts';
import { importProgressRoutes } from './features/evidence/import/progress-routes.ts';
import { unsubscribeRoutes } from './features/notifications/unsubscribe-routes.ts';
import { apiRoutes } from './features/api/routes.ts';

/** Pages PGlite works on at once; a few overlap one page's rendering with the next one's queries. */
const PGLITE_PAGES_AT_ONCE = 4;

/**
 * What a request log line may hold: method, route and request id. Secret
 * tokens in links and query strings (search terms can name people) are left
 * out, and so is the client address.
 */
function safeRequestLog(request: { method: string; url: string; id: string }) {
  const path = request.url.split('?')[0].replace(/^\/(invitations|reset-password|unsubscribe)\/[^/]+/, '/$1/:token');
  return { method: request.method, url: path, id: request.id };
}

export interface AppOptions {
  config: Config;
  database: Database;
  mailer?: Mailer;
  logger?: FastifyServerOptions['logger'];
  /** Hooks to add before anything else is registered (the tests record the routes served and what each wrote). */
  instrument?: (app: FastifyInstance) => void;
}

/** The whole web application as a Fastify plugin tree; the server and the tests build exactly this. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, serializers: { req: safeRequestLog } },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    requestIdHeader: false,
  });
  options.instrument?.(app);
  // Routes declare their params, query and body as Zod schemas; these check them and type the handlers.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const views = createViewEnvironment({ watch: config.viewsReload });
  const jobs = new JobQueue(database, { onError: (error) => app.log.error({ err: error }, 'job queue') });
  const mailer =
    options.mailer ??
    createMailer(database.db, {
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      retryLater: (mail) => jobs.send('mail.retry', mail),
    });
  for (const job of backgroundJobs({ config, database, mailer, jobs, views, log: app.log })) jobs.define(job);
  app.decorate('deps', { config, database, db: database.db, mailer, views, jobs });
  app.decorateReply('page', renderPage(views));
  app.decorateReply('fragment', renderFragment(views));
  app.decorateRequest('account', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('workspace', undefined);
  app.decorateRequest('member', undefined);

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.cookieSecure ? undefined : false,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  // Uploads arrive whole in the body (file as {filename, data}), so the CSRF check can read the form's token.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 },
    async onFile(part) {
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
    },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true },
    getToken: (request) => {
      // The token rides in the posted form, or in a header for the few requests sent from script.
      const fromBody = formBody.safeParse(request.body);
      const token = fromBody.success ? fromBody.data._csrf : undefined;
      const header = request.headers['csrf-token'];
      return typeof token === 'string' ? token : typeof header === 'string' ? header : undefined;
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(staticFiles, { root: fromRoot('public/build'), prefix: '/assets/', maxAge: '1h' });
  await app.register(staticFiles, {
    root: fromRoot('node_modules/govuk-frontend/dist/govuk/assets'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    maxAge: '1d',
  });
  registerErrorHandling(app);

  addOperationsRoutes(app, { database, jobs, metricsToken: config.metricsToken });
  await app.register(importProgressRoutes);

  // Static files, health, readiness and metrics, and import progress: no session.
  const isPlumbing = (url: string) => url.startsWith('/assets/') || OPERATIONS_PATHS.has(url.split('?')[0]) || url.startsWith('/import-progress/');

  // PGlite answers one query at a time on this thread: pages take turns in arrival order rather than all at once.
  // Forms and uploads are left out: their bodies arrive at the sender's pace and would hold a turn meanwhile.
  if (database.kind === 'pglite') {
    addRequestGate(app, {
      limit: PGLITE_PAGES_AT_ONCE,
      applies: (request) => (request.method === 'GET' || request.method === 'HEAD') && !isPlumbing(request.url),
    });
  }

  // Sessions and CSRF apply to every page and form; static files and the health check skip them.
  app.addHook('onRequest', async (request, reply) => {
    if (isPlumbing(request.url)) return;
    await sessionHook(request, reply);
  });
  // What a signed-in person sees is theirs: no browser or proxy keeps a copy for the next person at a shared computer.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.account && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
    // An unsubscribe link's own secret token is its authority: a mail program's one-click POST has no cookie to check.
    if (unsafe && !request.url.startsWith('/api/') && !request.url.startsWith('/unsubscribe/')) return app.csrfProtection(request, reply, done);
    done();
  });
  await app.register(setupRoutes);
  await app.register(sitePages);
  await app.register(accountRoutes);
  await app.register(ssoSignInRoutes);
  await app.register(invitationRoutes);
  await app.register(calendarFeedRoutes);
  await app.register(communityFeedRoutes);
  await app.register(publicGuideRoutes);
  await app.register(publicLessonRoutes);
  await app.register(publicPrivacyRoutes);
  await app.register(respondRoutes);
  await app.register(unsubscribeRoutes);
  await app.register(workspaceScope, { prefix: '/w/:workspaceSlug' });
  await app.register(apiRoutes, { prefix: '/api/v1' });

  // Every server can send jobs; those with JOB_WORKERS (the default) also work the queue and run its schedules.
  app.addHook('onReady', async () => {
    await (config.jobWorkers ? jobs.startWorkers() : jobs.start());
  });
  // An operation that published events has committed: have them passed on now, not at the next sweep.
  const stopListening = onEventsPublished(() => {
    jobs.send(WEBHOOK_DELIVERY_JOB, {}).catch((error: unknown) => app.log.warn({ err: error }, 'could not queue webhook delivery'));
  });
  app.addHook('onClose', async () => {
    stopListening();
    await jobs.stop();
    await mailer.close();
  });
  return app;
}
