import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParam, pathParams } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { roleLabels } from '../../core/views/labels.ts';
import { rolesGrantableBy } from '../../core/auth/roles.ts';
import { organisationOptions } from '../organisations/queries.ts';
import { addRule } from './add-rule.ts';
import { ssoPolicy } from './policy.ts';
import { providerOf, rulesOf, ssoRequiredOf } from './queries.ts';
import { removeRule } from './remove-rule.ts';
import { saveProvider } from './save-provider.ts';
import { passwordSignInSchema, providerSchema, ruleSchema } from './schemas.ts';
import { setSsoRequired } from './set-sso-required.ts';

type Form = 'provider' | 'rule' | 'method';

/** A workspace's single sign-on, set by its administrators: the provider, who may join through it, and whether passwords still work. */
export const ssoSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const base = (request: FastifyRequest) => `/w/${workspaceContext(request).workspace.slug}/sso`;

  /** The page, with what was typed and the errors of the one form that was sent. */
  const settingsPage = async (request: FastifyRequest, sent?: { form: Form; values: Record<string, unknown>; errors: FormErrors }) => {
    const ctx = workspaceContext(request);
    authorize(ssoPolicy.manage(ctx.member));
    const [provider, rules, organisations, ssoRequired] = await Promise.all([
      providerOf(db, ctx.workspace.id),
      rulesOf(db, ctx.workspace.id),
      organisationOptions(db, ctx.workspace.id),
      ssoRequiredOf(db, ctx.workspace.id),
    ]);
    const valuesOf = (form: Form, saved: Record<string, unknown>) => (sent?.form === form ? sent.values : saved);
    const errorsOf = (form: Form) => (sent?.form === form ? sent.errors : noErrors);
    return {
      title: 'Single sign-on',
      provider: provider && { displayName: provider.displayName, enabled: provider.enabled },
      hasSecret: Boolean(provider?.clientSecret),
      redirectUri: `${config.publicUrl}/sso/${ctx.workspace.slug}/callback`,
      signInLink: `${config.publicUrl}/sso/${ctx.workspace.slug}`,
      signedInThroughSso: ctx.account.ssoWorkspaceIds.includes(ctx.workspace.id),
      ssoRequired,
      providerValues: valuesOf('provider', {
        displayName: provider?.displayName ?? '',
        issuerUrl: provider?.issuerUrl ?? '',
        clientId: provider?.clientId ?? '',
        enabled: provider ? (provider.enabled ? 'yes' : 'no') : 'yes',
      }),
      providerErrors: errorsOf('provider'),
      rules: rules.map((rule) => ({ ...rule, roleLabel: roleLabels[rule.role] })),
      ruleValues: valuesOf('rule', { matchBy: 'domain', role: 'member' }),
      ruleErrors: errorsOf('rule'),
      organisationItems: organisations,
      roleItems: rolesGrantableBy(ctx.member.role).map((role) => ({ value: role, text: roleLabels[role] })),
      methodValues: valuesOf('method', { ssoRequired: ssoRequired ? 'yes' : 'no' }),
      methodErrors: errorsOf('method'),
      // One error summary for the page, from whichever form was sent.
      errors: sent?.errors ?? noErrors,
    };
  };
  const show = async (request: FastifyRequest, form: Form, errors: FormErrors) =>
    settingsPage(request, { form, values: (request.body ?? {}) as Record<string, unknown>, errors });

  app.get('/', async (request, reply) => reply.page('sso/views/settings.njk', await settingsPage(request)));

  app.post('/', { schema: { body: formBody } }, async (request, reply) =>
    submitForm(reply, {
      schema: providerSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('sso/views/settings.njk', await show(request, 'provider', errors)),
      save: (input) => saveProvider(db, workspaceContext(request), input, config.outboundAllowedHosts),
      done: (_result, input) => ({
        to: base(request),
        flash:
          input.enabled === 'yes'
            ? `Saved. ${input.displayName} answered as an OpenID provider should: try signing in with the link below.`
            : 'Saved. Single sign-on is turned off: members sign in with passwords.',
      }),
    }),
  );

  app.post('/rules', { schema: { body: formBody } }, async (request, reply) =>
    submitForm(reply, {
      schema: ruleSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('sso/views/settings.njk', await show(request, 'rule', errors)),
      save: (input) => addRule(db, workspaceContext(request), input),
      done: () => ({ to: `${base(request)}#rules`, flash: 'Added the rule.' }),
    }),
  );

  app.post('/rules/:ruleId/remove', { schema: { params: pathParams({ ruleId: idParam }) } }, async (request, reply) =>
    submitAction(reply, {
      back: base(request),
      run: () => removeRule(db, workspaceContext(request), request.params.ruleId),
      done: () => ({ to: `${base(request)}#rules`, flash: 'Removed the rule. People who joined by it keep their access.' }),
    }),
  );

  app.post('/sign-in-method', { schema: { body: formBody } }, async (request, reply) =>
    submitForm(reply, {
      schema: passwordSignInSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('sso/views/settings.njk', await show(request, 'method', errors)),
      save: (input) => {
        const ctx = workspaceContext(request);
        return setSsoRequired(db, ctx, input.ssoRequired === 'yes', ctx.account.ssoWorkspaceIds.includes(ctx.workspace.id));
      },
      done: (_result, input) => ({
        to: base(request),
        flash:
          input.ssoRequired === 'yes'
            ? 'Members now sign in through single sign-on only. Anyone signed in with a password is asked to sign in through the provider.'
            : 'Members may sign in with a password or through single sign-on.',
      }),
    }),
  );
};
