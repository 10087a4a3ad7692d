import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formBody, queryOf, tokenParams } from '../../core/http/route-schemas.ts';
import { endSession } from './sessions.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { workspacesForAccount } from './queries.ts';
import { changePassword } from './change-password.ts';
import { findUsableReset, requestPasswordReset, resetPassword } from './reset-password.ts';
import { changePasswordSchema, forgotPasswordSchema, newPasswordSchema, signInSchema } from './schemas.ts';
import { requireAccount, safeNextPath, SESSION_COOKIE, startSession } from './session-hook.ts';
import { signIn } from './sign-in.ts';

/** Where a sign-in came from, to return to afterwards (checked to stay on this site). */
const signInQuery = queryOf({ next: z.unknown().optional() });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const authRateLimit = { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  const showSignIn = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors = noErrors) =>
    reply.page('accounts/views/sign-in.njk', { title: 'Sign in', values, errors });

  app.get('/sign-in', { schema: { querystring: signInQuery } }, async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.account) return reply.redirect(next ?? '/');
    return showSignIn(reply, { next });
  });

  app.post('/sign-in', { config: authRateLimit, schema: { body: formBody } }, async (request, reply) => {
    const body = request.body;
    const values = { email: body.email, next: safeNextPath(body.next) };
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) return showSignIn(reply.status(400), values, formErrorsFrom(parsed.error));
    const result = await signIn(db, parsed.data.email, parsed.data.password, request.ip, {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
    });
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? `Too many failed attempts from here. Signing in to this account from this device is paused for ${result.minutesLeft} minute${result.minutesLeft === 1 ? '' : 's'}. You can reset your password instead.`
          : 'Enter a correct email address and password';
      request.log.info({ reason: result.reason }, 'sign-in refused');
      return showSignIn(reply.status(result.reason === 'locked' ? 429 : 401), values, fieldError('email', message));
    }
    await startSession(request, reply, result.accountId);
    return reply.redirect(values.next ?? '/');
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await endSession(db, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, { kind: 'success', text: 'You have signed out.' });
    return reply.redirect('/sign-in');
  });

  app.get('/forgot-password', async (_request, reply) =>
    reply.page('accounts/views/forgot-password.njk', { title: 'Reset your password', values: {}, errors: noErrors }),
  );

  app.post('/forgot-password', { config: authRateLimit, schema: { body: formBody } }, async (request, reply) => {
    const body = request.body;
    const parsed = forgotPasswordSchema.safeParse(body);
    if (!parsed.success) {
      return reply.status(400).page('accounts/views/forgot-password.njk', { title: 'Reset your password', values: body, errors: formErrorsFrom(parsed.error) });
    }
    await requestPasswordReset(db, mailer, parsed.data.email, { publicUrl: config.publicUrl, resetMinutes: config.passwordResetMinutes });
    return reply.page('accounts/views/reset-sent.njk', {
      title: 'Check your email',
      email: parsed.data.email,
      minutes: config.passwordResetMinutes,
      delivers: mailer.delivers,
    });
  });

  app.get('/reset-password/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const reset = await findUsableReset(db, token);
    if (!reset) return reply.status(410).page('accounts/views/reset-expired.njk', { title: 'This reset link has expired' });
    return reply.page('accounts/views/reset-password.njk', { title: 'Choose a new password', token, errors: noErrors });
  });

  app.post('/reset-password/:token', { config: authRateLimit, schema: { params: tokenParams, body: formBody } }, async (request, reply) => {
    const { token } = request.params;
    if (!(await findUsableReset(db, token))) {
      return reply.status(410).page('accounts/views/reset-expired.njk', { title: 'This reset link has expired' });
    }
    const parsed = newPasswordSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).page('accounts/views/reset-password.njk', { title: 'Choose a new password', token, errors: formErrorsFrom(parsed.error) });
    }
    if (!(await resetPassword(db, token, parsed.data.password))) {
      return reply.status(410).page('accounts/views/reset-expired.njk', { title: 'This reset link has expired' });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, { kind: 'success', text: 'Your password has been changed. Sign in with your new password.' });
    return reply.redirect('/sign-in');
  });

  app.get('/account', { preHandler: requireAccount }, async (request, reply) => {
    const list = await workspacesForAccount(db, request.account!.id);
    return reply.page('accounts/views/account.njk', { title: 'Your account', workspaces: list, errors: noErrors });
  });

  app.post('/account/password', { preHandler: requireAccount, config: authRateLimit }, async (request, reply) => {
    const account = request.account!;
    const list = await workspacesForAccount(db, account.id);
    const parsed = changePasswordSchema.safeParse(request.body ?? {});
    const show = (errors: FormErrors) => reply.status(400).page('accounts/views/account.njk', { title: 'Your account', workspaces: list, errors });
    if (!parsed.success) return show(formErrorsFrom(parsed.error));
    const changed = await changePassword(db, account.id, account.sessionId, parsed.data.currentPassword, parsed.data.password);
    if (!changed) return show(fieldError('currentPassword', 'Your current password is not right'));
    setFlash(reply, { kind: 'success', text: 'Your password has been changed. Other devices have been signed out.' });
    return reply.redirect('/account');
  });
};
