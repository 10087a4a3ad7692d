import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { roleDescriptions, roleLabels } from '../../core/views/labels.ts';
import { changeRole, removeAccess } from './manage-members.ts';
import { InvitationRuleError, invitePerson, inviteNewPerson, resendInvitation, revokeInvitation, type InvitationSent } from './invite-person.ts';
import { accessPolicy, invitableRoles } from './policy.ts';
import { accessOverview } from './queries.ts';
import { changeRoleSchema, inviteExistingSchema, inviteNewSchema } from './schemas.ts';
import { roles } from '../../core/auth/roles.ts';

function deliveryMessage(sent: { email: string; delivery: InvitationSent['delivery'] }): string {
  if (sent.delivery === 'sent') return `We have emailed an invitation to ${sent.email}.`;
  if (sent.delivery === 'outbox')
    return `The invitation to ${sent.email} is in the e-mail outbox: this server does not send e-mail, so pass the link on yourself.`;
  return `The invitation was saved but the e-mail to ${sent.email} could not be sent. Try resending it, or copy the link from the e-mail outbox.`;
}

/** Invitations and roles: who can get in, and what they can do. */
export const accessRoutes: FastifyPluginAsync = async (app) => {
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

  // From a person's profile: invite someone already recorded.
  app.post('/invitations', async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = inviteExistingSchema.safeParse(request.body ?? {});
    if (!parsed.success) return accessPage(request, reply.status(400), {}, formErrorsFrom(parsed.error));
    try {
      const sent = await invitePerson(deps, ctx, parsed.data.personId, parsed.data.role);
      setFlash(reply, { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) });
      return reply.redirect(`/w/${ctx.workspace.slug}/people/${sent.personId}`);
    } catch (error) {
      if (!(error instanceof InvitationRuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
      return reply.redirect(`/w/${ctx.workspace.slug}/people/${parsed.data.personId}`);
    }
  });

  // From the access page: add someone new and invite them.
  app.post('/invite-new', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(accessPolicy.viewAccessPage(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = inviteNewSchema.safeParse(body);
    if (!parsed.success) return accessPage(request, reply.status(400), body, formErrorsFrom(parsed.error));
    try {
      const sent = await inviteNewPerson(deps, ctx, parsed.data);
      setFlash(reply, { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) });
      return reply.redirect(`/w/${ctx.workspace.slug}/access`);
    } catch (error) {
      if (!(error instanceof InvitationRuleError)) throw error;
      return accessPage(request, reply.status(400), body, fieldError(error.field === 'email' ? 'email' : 'fullName', error.message));
    }
  });

  app.post('/invitations/:id/resend', async (request, reply) => {
    const ctx = workspaceContext(request);
    const sent = await resendInvitation(deps, ctx, (request.params as { id: string }).id.slice(0, 40));
    setFlash(reply, { kind: sent.delivery === 'failed' ? 'important' : 'success', text: deliveryMessage(sent) });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });

  app.post('/invitations/:id/revoke', async (request, reply) => {
    const ctx = workspaceContext(request);
    const email = await revokeInvitation(db, ctx, (request.params as { id: string }).id.slice(0, 40));
    setFlash(reply, { kind: 'success', text: `Cancelled the invitation to ${email}. Its link no longer works.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });

  app.post('/members/:id/role', async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = changeRoleSchema.safeParse(request.body ?? {});
    if (!parsed.success) return accessPage(request, reply.status(400), {}, formErrorsFrom(parsed.error));
    const name = await changeRole(db, ctx, (request.params as { id: string }).id.slice(0, 40), parsed.data.role);
    setFlash(reply, { kind: 'success', text: `${name} is now ${roleLabels[parsed.data.role].toLowerCase()}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });

  app.post('/members/:id/remove', async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await removeAccess(db, ctx, (request.params as { id: string }).id.slice(0, 40));
    setFlash(reply, { kind: 'success', text: `${name} no longer has access. Their profile has been kept.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/access`);
  });
};
