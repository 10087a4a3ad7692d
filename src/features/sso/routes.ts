import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { formBody, pathParams, queryOf } from '../../core/http/route-schemas.ts';
import { isWorkspaceSlug } from '../../core/workspace-slug.ts';
import { safeNextPath, startSession } from '../accounts/session-hook.ts';
import { ATTEMPT_MINUTES, startAttempt, takeAttempt } from './attempts.ts';
import { authorizationUrl, finishSignIn, ProviderProblem, providerConfiguration } from './provider.ts';
import { signInTargetBySlug, workspacesForDomain } from './queries.ts';
import { findProviderSchema } from './schemas.ts';
import { SignInRefused, signInWithSso } from './sign-in-with-sso.ts';

/** The cookie that ties a sign-in at the provider to the browser that started it. */
export const SSO_COOKIE = 'bw_sso';

const workspaceParams = pathParams({ workspaceSlug: z.string().refine(isWorkspaceSlug) });
const startQuery = queryOf({ next: z.unknown().optional(), hint: z.unknown().optional() });

/** Signing in through a workspace's OpenID Connect provider: finding it by e-mail domain, going there, and coming back. */
export const ssoSignInRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const authRateLimit = { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };
  const cookieOptions = (slug: string) => ({ path: `/sso/${slug}`, httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure });

  const showFind = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors = noErrors) =>
    reply.page('sso/views/find.njk', { title: 'Sign in with single sign-on', values, errors });

  /** A sign-in that could not finish: why, and the ways on. */
  const problem = (reply: FastifyReply, status: number, slug: string, message: string, next?: string | null) =>
    reply.status(status).page('sso/views/problem.njk', {
      title: 'You could not be signed in',
      message,
      againPath: `/sso/${slug}${next ? `?next=${encodeURIComponent(next)}` : ''}`,
    });

  app.get('/sign-in/sso', { schema: { querystring: startQuery } }, async (request, reply) => showFind(reply, { next: safeNextPath(request.query.next) }));

  app.post('/sign-in/sso', { config: authRateLimit, schema: { body: formBody } }, async (request, reply) => {
    const values = { email: request.body.email, next: safeNextPath(request.body.next) };
    const parsed = findProviderSchema.safeParse(request.body);
    if (!parsed.success) return showFind(reply.status(400), values, formErrorsFrom(parsed.error));
    const email = parsed.data.email;
    const domain = email.split('@')[1];
    const found = await workspacesForDomain(db, domain);
    if (!found.length)
      return showFind(
        reply.status(404),
        values,
        fieldError(
          'email',
          `No workspace here signs in people at ${domain} through single sign-on. Sign in with your password, or use the link in your invitation.`,
        ),
      );
    // A page with a link on, not a redirect: a browser will not follow a form's redirect on to another site.
    const query = (slug: string) => `/sso/${slug}?${new URLSearchParams({ hint: email, ...(values.next ? { next: values.next } : {}) }).toString()}`;
    return reply.page('sso/views/choose.njk', {
      title: 'Continue to sign in',
      choices: found.map((workspace) => ({ ...workspace, href: query(workspace.slug) })),
    });
  });

  app.get('/sso/:workspaceSlug', { schema: { params: workspaceParams, querystring: startQuery } }, async (request, reply) => {
    const target = await signInTargetBySlug(db, request.params.workspaceSlug);
    if (!target) throw new NotFoundError('This workspace does not sign its members in through single sign-on. Sign in with your password instead.');
    const next = safeNextPath(request.query.next);
    const hint = findProviderSchema.safeParse({ email: request.query.hint });
    let configuration;
    try {
      configuration = await providerConfiguration(target.provider, config.outboundAllowedHosts);
    } catch (error) {
      if (!(error instanceof ProviderProblem)) throw error;
      request.log.warn({ err: error, workspace: target.workspace.slug }, 'single sign-on provider unreachable');
      return problem(
        reply,
        502,
        target.workspace.slug,
        `${target.provider.displayName} could not be reached: ${error.message}. Try again in a few minutes, or tell an administrator of ${target.workspace.name}.`,
        next,
      );
    }
    const attempt = await startAttempt(db, target.workspace.id, next);
    const url = await authorizationUrl(configuration, {
      redirectUri: `${config.publicUrl}/sso/${target.workspace.slug}/callback`,
      state: attempt.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
      loginHint: hint.success ? hint.data.email : undefined,
    });
    reply.setCookie(SSO_COOKIE, attempt.token, { ...cookieOptions(target.workspace.slug), maxAge: ATTEMPT_MINUTES * 60 });
    return reply.redirect(url.href);
  });

  // The provider sends the browser back here with a code (or an error); its parameters are read whole from the address.
  app.get('/sso/:workspaceSlug/callback', { schema: { params: workspaceParams } }, async (request, reply) => {
    const slug = request.params.workspaceSlug;
    const target = await signInTargetBySlug(db, slug);
    if (!target) throw new NotFoundError();
    const token = request.cookies[SSO_COOKIE];
    reply.clearCookie(SSO_COOKIE, cookieOptions(slug));
    const attempt = token && token.length <= 100 ? await takeAttempt(db, target.workspace.id, token) : undefined;
    if (!attempt)
      return problem(
        reply,
        400,
        slug,
        `This sign-in took longer than ${ATTEMPT_MINUTES} minutes, was finished already, or was started in another browser. Start again.`,
      );
    try {
      const configuration = await providerConfiguration(target.provider, config.outboundAllowedHosts);
      const claims = await finishSignIn(configuration, new URL(request.url, config.publicUrl), attempt);
      const signedIn = await signInWithSso(db, target.workspace, target.provider.displayName, claims, request.account?.id);
      await startSession(request, reply, signedIn.accountId, { ssoWorkspaceId: target.workspace.id });
      if (signedIn.joined)
        setFlash(reply, { kind: 'success', text: `Welcome to ${target.workspace.name}. You joined through ${target.provider.displayName}.` });
      return reply.redirect(attempt.nextPath ?? `/w/${slug}`);
    } catch (error) {
      if (error instanceof SignInRefused) return problem(reply, 403, slug, error.message, attempt.nextPath);
      if (error instanceof ProviderProblem) {
        request.log.info({ reason: error.message, workspace: slug }, 'single sign-on refused');
        return problem(reply, 400, slug, `${target.provider.displayName} did not sign you in: ${error.message}.`, attempt.nextPath);
      }
      throw error;
    }
  });
};
