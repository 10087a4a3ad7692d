import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roles } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, RuleError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { roleDescriptions, roleLabels } from '../../core/views/labels.ts';
import { changeRole } from './change-role.ts';
import type { InvitationSent } from './invitation-mail.ts';
import { inviteNewPerson } from './invite-new-person.ts';
import { invitePerson } from './invite-person.ts';
import { accessPolicy, invitableRoles } from './policy.ts';
import { accessOverview } from './queries.ts';
import { removeAccess } from './remove-access.ts';
import { resendInvitation } from './resend-invitation.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { changeRoleSchema, inviteExistingSchema, inviteNewSchema } from './schemas.ts';

function deliveryMessage(sent: { email: string; delivery: InvitationSent['delivery'] }): string {
  if (sent.delivery === 'sent') return `We have emailed an invitation to ${sent.email}.`;
  if (sent.delivery === 'outbox')
    return `The invitation to ${sent.email} is in the e-mail outbox: this server does not send e-mail, so pass the link on yourself.`;
  return `The invitation was saved but the e-mail to ${sent.email} could not be sent. Try resending it, or copy the link from the e-mail outbox.`;
}

/** Invitations and roles: who can get in, and what they can do. */
export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer, config } = app.deps;
  const deps = { db, mailer, config };

  async function accessPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors) {
    const ctx = workspaceContext(request);
    authorize(accessPolicy.viewAccessPage(ctx.member));
    const overview = await accessOverview(db, ctx.workspace.id);
    return reply.page('access/views/access.njk', {
      title: 'Invitations and roles',
      ...overview,
      values,
      errors,
      canChangeRoles: accessPolicy.changeRoles(ctx.member),
      roleItems: roles.map((value) => ({ value, text: roleLabels[value] })),
      inviteRoleItems: invitableRoles(ctx.member).map((value) => ({ value, text: roleLabels[value], hint: { text: roleDescriptions[value] } })),
      mailDelivers: mailer.delivers,
    });
  }

  app.get('/', async (request, reply) => accessPage(request, reply, { role: 'member' }, noErrors));

  // From a person's profile: invite someone already recorded. What stops it shows in the banner on their profile.
  app.post('/invitations', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = inviteExistingSchema.safeParse(request.body);
    if (!parsed.success) return accessPage(request, reply.status(400), {}, formErrorsFrom(parsed.error));
    const profile = `/w/${ctx.workspace.slug}/people/${parsed.data.personId}`;
    try {
      const sent = await invitePerson(deps, ctx, parsed.data.personId, parsed.data.role);
      setFlash(reply, { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
    }
    return reply.redirect(profile);
  });

  // From the access page: add someone new and invite them.
  app.post('/invite-new', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(accessPolicy.viewAccessPage(ctx.member));
    return submitForm(reply, {
      schema: inviteNewSchema,
      body: request.body,
      redisplay: (errors) => accessPage(request, reply, request.body, errors),
      save: (input) => inviteNewPerson(deps, ctx, input),
      done: (sent) => ({
        to: `/w/${ctx.workspace.slug}/access`,
        flash: { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) },
      }),
    });
  });

  app.post('/invitations/:id/resend', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const sent = await resendInvitation(deps, ctx, request.params.id);
    setFlash(reply, { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });

  app.post('/invitations/:id/revoke', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const email = await revokeInvitation(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `Cancelled the invitation to ${email}. Its link no longer works.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });

  app.post('/members/:id/role', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    return submitForm(reply, {
      schema: changeRoleSchema,
      body: request.body,
      redisplay: (errors) => accessPage(request, reply, {}, errors),
      save: ({ role }) => changeRole(db, ctx, request.params.id, role),
      done: (name, { role }) => ({ to: `/w/${ctx.workspace.slug}/access`, flash: `${name} is now ${roleLabels[role].toLowerCase()}.` }),
    });
  });

  app.post('/members/:id/remove', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await removeAccess(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `${name} no longer has access. Their profile has been kept.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });
};
