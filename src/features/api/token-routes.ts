import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { setFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams } from '../../core/http/route-schemas.ts';
import { createApiToken } from './create-api-token.ts';
import { apiTokenPolicy } from './policy.ts';
import { tokensOf } from './queries.ts';
import { revokeApiToken } from './revoke-api-token.ts';
import { apiTokenSchema } from './schemas.ts';
import { API_REQUESTS_PER_MINUTE } from './routes.ts';

/** The member's own API tokens: make one (shown once), see when each was last used, revoke. */
export const apiTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  const tokensPage = async (request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, newToken?: string) => {
    const ctx = workspaceContext(request);
    const now = new Date();
    const tokens = (await tokensOf(db, ctx.workspace.id, ctx.member.membershipId)).map((token) => ({
      ...token,
      state: token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= now ? 'expired' : 'active',
    }));
    return {
      title: 'API tokens',
      tokens,
      accessItems: [
        { value: 'read', text: 'Read only', hint: { text: 'See what you can see on the pages' } },
        // Viewers read; a token cannot do more than its owner.
        ...(apiTokenPolicy.write(ctx.member)
          ? [{ value: 'read-write', text: 'Read and write', hint: { text: 'Also add and change records, as you can on the pages' } }]
          : []),
      ],
      values: { access: 'read', lifetimeDays: '90', ...values },
      errors,
      newToken,
      apiUrl: `${config.publicUrl}/api/v1`,
      requestsPerMinute: API_REQUESTS_PER_MINUTE,
    };
  };

  app.get('/', async (request, reply) => reply.page('api/views/tokens.njk', await tokensPage(request, {}, noErrors)));

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = apiTokenSchema.safeParse(request.body);
    if (!parsed.success) return reply.status(400).page('api/views/tokens.njk', await tokensPage(request, request.body, formErrorsFrom(parsed.error)));
    const made = await createApiToken(db, ctx, parsed.data);
    // Shown on the page that answers the form, once: only its hash is kept, so it can never be shown again.
    return reply.page('api/views/tokens.njk', await tokensPage(request, {}, noErrors, made.token));
  });

  app.post('/:id/revoke', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await revokeApiToken(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `Revoked the token “${name}”. It no longer works.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/api-tokens`);
  });
};
