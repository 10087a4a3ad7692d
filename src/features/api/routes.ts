import { createHash } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { hashToken } from '../../core/auth/tokens.ts';
import { ForbiddenError } from '../../core/http/errors.ts';
import { communitiesApiRoutes } from '../communities/api-routes.ts';
import { deliveryApiRoutes } from '../delivery/api-routes.ts';
import { themesApiRoutes } from '../delivery/themes/api-routes.ts';
import { readingListsApiRoutes } from '../reading-lists/api-routes.ts';
import { briefingsApiRoutes } from '../delivery/briefings/api-routes.ts';
import { evaluationApiRoutes } from '../evaluation/api-routes.ts';
import { evidenceApiRoutes } from '../evidence/api-routes.ts';
import { guidesApiRoutes } from '../guides/api-routes.ts';
import { lessonsApiRoutes } from '../lessons/api-routes.ts';
import { programmesApiRoutes } from '../programmes/api-routes.ts';
import { sessionsApiRoutes } from '../programmes/session-api-routes.ts';
import { organisationsApiRoutes } from '../organisations/api-routes.ts';
import { peopleApiRoutes } from '../people/api-routes.ts';
import { topicsApiRoutes } from '../topics/api-routes.ts';
import { authenticateApiRequest, bearerToken } from './authenticate.ts';
import { apiTokenPolicy } from './policy.ts';
import { referenceFrom } from './reference.ts';

/** Requests a token may make a minute (per server); the headers say how many are left. */
export const API_REQUESTS_PER_MINUTE = 600;

const OPENAPI_PATH = '/openapi.json';
const REFERENCE_PATH = '/reference';
/** The document and its reference page describe the API to anyone; everything else needs a token. */
const isDescription = (url: string) => [OPENAPI_PATH, REFERENCE_PATH].some((path) => url.split('?')[0] === `/api/v1${path}`);

/**
 * The JSON API at /api/v1: personal API tokens, the same operations and
 * policies as the pages, OpenAPI 3.1 generated from the routes' own Zod
 * schemas, problem documents for errors, rate limits with headers, and ETags
 * so an unchanged read costs the client nothing.
 */
export const apiRoutes: FastifyPluginAsync = async (api) => {
  const { db } = api.deps;
  await api.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bridgework API',
        version: '1',
        description:
          'Everything is scoped to the workspace of the token used, and answers as the token’s owner would see it on the pages. Lists are paged with an opaque `next` cursor. Errors are problem documents (RFC 9457).',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A personal API token (bw_…) from the API tokens page.' } } },
      security: [{ token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  api.get(OPENAPI_PATH, { schema: { hide: true } }, async () => api.swagger());
  api.get(REFERENCE_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.page('api/views/reference.njk', {
      title: 'API reference',
      sections: referenceFrom(api.swagger() as Parameters<typeof referenceFrom>[0]),
      requestsPerMinute: API_REQUESTS_PER_MINUTE,
    }),
  );

  const limit = api.rateLimit({
    max: API_REQUESTS_PER_MINUTE,
    timeWindow: 60_000,
    // Per token (by its hash, never the token), or per address for requests without one.
    keyGenerator: (request) => {
      const token = bearerToken(request);
      return token ? `token:${hashToken(token)}` : `ip:${request.ip}`;
    },
  });
  api.addHook('onRequest', async (request, reply) => {
    if (isDescription(request.url)) return;
    await limit.call(api, request, reply);
    if (reply.sent) return;
    await authenticateApiRequest(db, request);
    const writing = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (writing && (request.apiAccess !== 'read-write' || !apiTokenPolicy.write(request.member!))) {
      throw new ForbiddenError('This token can only read. Make a read and write token to change things.');
    }
  });

  // A read answers with a validator of what it sent; asked again with If-None-Match, an unchanged answer is a 304.
  api.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'private, no-cache');
    const given = request.headers['if-none-match'];
    if (given && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  await api.register(peopleApiRoutes);
  await api.register(organisationsApiRoutes);
  await api.register(topicsApiRoutes);
  await api.register(evidenceApiRoutes);
  await api.register(lessonsApiRoutes);
  await api.register(programmesApiRoutes);
  await api.register(sessionsApiRoutes);
  await api.register(deliveryApiRoutes);
  await api.register(themesApiRoutes);
  await api.register(briefingsApiRoutes);
  await api.register(communitiesApiRoutes);
  await api.register(evaluationApiRoutes);
  await api.register(guidesApiRoutes);
  await api.register(readingListsApiRoutes);
};
