import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formBody, tokenParams } from '../../core/http/route-schemas.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { setFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { startSession } from '../accounts/session-hook.ts';
import { acceptInvitation, findInvitation, invitationProblem, type Invitation } from './accept-invitation.ts';
import { acceptInvitationSchema } from './schemas.ts';

/** The page behind an invitation link: set up an account, or join with the one you have. */
export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  function show(request: FastifyRequest, reply: FastifyReply, token: string, invitation: Invitation, values: Record<string, unknown>, errors: FormErrors) {
    const signedInAs = request.account;
    const mode = invitation.existingAccountId
      ? signedInAs?.id === invitation.existingAccountId
        ? 'join'
        : signedInAs
          ? 'wrong-account'
          : 'sign-in'
      : signedInAs
        ? 'wrong-account'
        : 'create';
    return reply.page('access/views/accept.njk', {
      title: `Join ${invitation.workspaceName}`,
      token,
      invitation,
      mode,
      values,
      errors,
      signInHref: `/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`,
    });
  }

  app.get('/invitations/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const invitation = await findInvitation(db, token);
    const problem = invitationProblem(invitation);
    if (problem) return reply.status(410).page('access/views/invitation-unusable.njk', { title: 'This invitation cannot be used', problem });
    return show(request, reply, token, invitation!, { name: invitation!.personName }, noErrors);
  });

  const rateLimit = { rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } };
  app.post('/invitations/:token', { config: rateLimit, schema: { params: tokenParams, body: formBody } }, async (request, reply) => {
    const { token } = request.params;
    const invitation = await findInvitation(db, token);
    const problem = invitationProblem(invitation);
    if (problem) return reply.status(410).page('access/views/invitation-unusable.njk', { title: 'This invitation cannot be used', problem });
    let result: { accountId: string; workspaceSlug: string };
    if (invitation!.existingAccountId) {
      // Joining with an existing account needs that account signed in.
      if (request.account?.id !== invitation!.existingAccountId) return show(request, reply.status(403), token, invitation!, {}, noErrors);
      result = await acceptInvitation(db, { workspaceId: invitation!.workspaceId, token }, { accountId: request.account.id });
    } else {
      if (request.account) return show(request, reply.status(403), token, invitation!, {}, noErrors);
      const body = request.body;
      const parsed = acceptInvitationSchema.safeParse(body);
      if (!parsed.success) return show(request, reply.status(400), token, invitation!, body, formErrorsFrom(parsed.error));
      result = await acceptInvitation(
        db,
        { workspaceId: invitation!.workspaceId, token },
        { name: parsed.data.name, passwordHash: await hashPassword(parsed.data.password) },
      );
      await startSession(request, reply, result.accountId);
    }
    setFlash(reply, { kind: 'success', title: `Welcome to ${invitation!.workspaceName}`, text: 'Check your profile so others know what you work on.' });
    return reply.redirect(`/w/${result.workspaceSlug}`);
  });
};
