import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { markAllRead } from './mark-read.ts';
import { notificationPolicy } from './policy.ts';
import { countFor, emailSettingsOf, notificationsFor, scopesOf } from './queries.ts';
import { notificationListQuery, settingsSchema } from './schemas.ts';
import { describeFrequency, saveNotificationSettings } from './save-settings.ts';
import { emailFrequencies } from './tables.ts';

const PAGE_SIZE = 30;

const frequencyItems = emailFrequencies.map((value) => ({
  value,
  text: { immediately: 'Straight away', daily: 'Daily digest', weekly: 'Weekly digest', never: 'Never' }[value],
}));

/** A person's notifications (the bell) and how often they are e-mailed. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer } = app.deps;

  const readerOf = (request: FastifyRequest) => {
    const ctx = workspaceContext(request);
    authorize(notificationPolicy.own(ctx.member), 'Notifications belong to a person in the workspace.');
    return { ctx, reader: { personId: ctx.member.personId, staff: isStaff(ctx.member.role) } };
  };

  app.get('/', { schema: { querystring: notificationListQuery } }, async (request, reply) => {
    const { ctx, reader } = readerOf(request);
    const page = request.query.page;
    const [items, total] = await Promise.all([
      notificationsFor(db, ctx.workspace.id, reader, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countFor(db, ctx.workspace.id, reader),
    ]);
    return reply.page('notifications/views/list.njk', {
      title: 'Notifications',
      items,
      total,
      page,
      previous: page > 1 ? page - 1 : null,
      next: page * PAGE_SIZE < total ? page + 1 : null,
      unread: items.some((n) => !n.readAt),
    });
  });

  app.post('/read', async (request, reply) => {
    const { ctx } = readerOf(request);
    return submitAction(reply, {
      back: `/w/${ctx.workspace.slug}/notifications`,
      run: () => markAllRead(db, ctx),
      done: (cleared) => ({ to: `/w/${ctx.workspace.slug}/notifications`, flash: cleared ? 'All notifications marked as read.' : 'Nothing was unread.' }),
    });
  });

  async function settingsPage(request: FastifyRequest, values: Record<string, unknown> | undefined, errors: FormErrors) {
    const { ctx } = readerOf(request);
    const [settings, scopes] = await Promise.all([
      emailSettingsOf(db, ctx.workspace.id, ctx.member.personId),
      scopesOf(db, ctx.workspace.id, ctx.member.personId),
    ]);
    const chosen: Record<string, unknown> = values ?? {
      frequency: settings.frequency,
      ...Object.fromEntries(scopes.map((s) => [`scope-${s.kind}-${s.id}`, settings.byScope.get(`${s.kind}:${s.id}`) ?? 'default'])),
    };
    return {
      title: 'E-mail settings',
      frequencyItems,
      scopes: scopes.map((s) => ({ ...s, field: `scope-${s.kind}-${s.id}` })),
      values: chosen,
      ownWords: describeFrequency(settings.frequency),
      mailDelivers: mailer.delivers,
      errors,
    };
  }

  app.get('/settings', async (request, reply) => reply.page('notifications/views/settings.njk', await settingsPage(request, undefined, noErrors)));

  app.post('/settings', { schema: { body: formBody } }, async (request, reply) => {
    const { ctx } = readerOf(request);
    return submitForm(reply, {
      schema: settingsSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('notifications/views/settings.njk', await settingsPage(request, request.body, errors)),
      save: (input) => saveNotificationSettings(db, ctx, input),
      done: () => ({ to: `/w/${ctx.workspace.slug}/notifications/settings`, flash: 'Your e-mail settings are saved.' }),
    });
  });
};
