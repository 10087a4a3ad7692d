import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams, pathParams } from '../../core/http/route-schemas.ts';
import { deleteEndpoint } from './delete-endpoint.ts';
import { MAX_ATTEMPTS, WEBHOOK_DELIVERY_JOB } from './deliver-webhooks.ts';
import { eventTypeLabel, WEBHOOK_EVENT_TYPES } from './event-types.ts';
import { webhookPolicy } from './policy.ts';
import { deliveriesOf, endpointsOf, findEndpoint, type WebhookEndpoint } from './queries.ts';
import { rotateSecret } from './rotate-secret.ts';
import { saveEndpoint } from './save-endpoint.ts';
import { endpointSchema } from './schemas.ts';
import { sendAgain } from './send-again.ts';
import { sendTestEvent } from './send-test-event.ts';

const deliveryParams = pathParams({ id: z.uuid(), deliveryId: z.uuid() });

/** A workspace's webhooks: endpoints that are sent its events, each with its signing secret and delivery log. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, jobs } = app.deps;
  const allowedHosts = config.outboundAllowedHosts;
  const base = (request: FastifyRequest) => `/w/${workspaceContext(request).workspace.slug}/webhooks`;
  /** Deliveries were queued: have the queue send them now rather than at its next minute. */
  const sendSoon = (request: FastifyRequest) =>
    jobs.send(WEBHOOK_DELIVERY_JOB, {}).catch((error: unknown) => request.log.warn({ err: error }, 'could not queue webhook delivery'));

  const eventItems = WEBHOOK_EVENT_TYPES.map((event) => ({ value: event.type, text: event.label, hint: { text: event.type } }));

  const listPage = async (request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors) => {
    const ctx = workspaceContext(request);
    authorize(webhookPolicy.manage(ctx.member));
    const endpoints = (await endpointsOf(db, ctx.workspace.id)).map((endpoint) => ({
      ...endpoint,
      eventLabels: endpoint.events.map(eventTypeLabel),
    }));
    return { title: 'Webhooks', endpoints, values, errors, eventItems };
  };

  const endpointPage = async (request: FastifyRequest, endpoint: WebhookEndpoint, values: Record<string, unknown>, errors: FormErrors) => {
    const ctx = workspaceContext(request);
    const deliveries = (await deliveriesOf(db, ctx.workspace.id, endpoint.id)).map((delivery) => ({
      ...delivery,
      label: eventTypeLabel(delivery.eventType),
      body: JSON.stringify(JSON.parse(delivery.body), null, 2),
    }));
    return {
      title: endpoint.description || endpoint.url,
      endpoint,
      deliveries,
      maxAttempts: MAX_ATTEMPTS,
      values: { url: endpoint.url, description: endpoint.description, events: endpoint.events, active: endpoint.active ? 'yes' : 'no', ...values },
      errors,
      eventItems,
      backLink: { href: base(request), text: 'Webhooks' },
    };
  };

  const endpointOr404 = async (request: FastifyRequest, id: string) => {
    const ctx = workspaceContext(request);
    authorize(webhookPolicy.manage(ctx.member));
    const endpoint = await findEndpoint(db, ctx.workspace.id, id);
    if (!endpoint) throw new NotFoundError();
    return endpoint;
  };

  app.get('/', async (request, reply) => reply.page('webhooks/views/list.njk', await listPage(request, { active: 'yes' }, noErrors)));

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const parsed = endpointSchema.safeParse(request.body);
    if (!parsed.success) return reply.status(400).page('webhooks/views/list.njk', await listPage(request, request.body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveEndpoint(db, ctx, parsed.data, allowedHosts);
      setFlash(reply, { kind: 'success', text: `Added the webhook. Its signing secret is below: give it to the system that receives the events.` });
      return reply.redirect(`${base(request)}/${id}`);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return reply.status(400).page('webhooks/views/list.njk', await listPage(request, request.body, fieldError(error.field, error.message)));
    }
  });

  app.get('/:id', { schema: { params: idParams } }, async (request, reply) => {
    const endpoint = await endpointOr404(request, request.params.id);
    return reply.page('webhooks/views/endpoint.njk', await endpointPage(request, endpoint, {}, noErrors));
  });

  app.post('/:id', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const endpoint = await endpointOr404(request, request.params.id);
    const parsed = endpointSchema.safeParse(request.body);
    if (!parsed.success)
      return reply.status(400).page('webhooks/views/endpoint.njk', await endpointPage(request, endpoint, request.body, formErrorsFrom(parsed.error)));
    try {
      await saveEndpoint(db, ctx, parsed.data, allowedHosts, endpoint.id);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return reply.status(400).page('webhooks/views/endpoint.njk', await endpointPage(request, endpoint, request.body, fieldError(error.field, error.message)));
    }
    setFlash(reply, { kind: 'success', text: 'Saved the webhook.' });
    return reply.redirect(`${base(request)}/${endpoint.id}`);
  });

  app.post('/:id/test', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const endpoint = await endpointOr404(request, request.params.id);
    await sendTestEvent(db, ctx, endpoint.id, config.publicUrl);
    await sendSoon(request);
    setFlash(reply, { kind: 'success', text: 'Sent a test event. Its delivery is at the top of the log below: reload the page to see the answer.' });
    return reply.redirect(`${base(request)}/${endpoint.id}#deliveries`);
  });

  app.post('/:id/secret', { schema: { params: idParams } }, async (request, reply) => {
    const endpoint = await endpointOr404(request, request.params.id);
    await rotateSecret(db, workspaceContext(request), endpoint.id);
    setFlash(reply, { kind: 'success', text: 'Made a new signing secret. Events are signed with it from now on: give it to the system that receives them.' });
    return reply.redirect(`${base(request)}/${endpoint.id}`);
  });

  app.post('/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const endpoint = await endpointOr404(request, request.params.id);
    const url = await deleteEndpoint(db, workspaceContext(request), endpoint.id);
    setFlash(reply, { kind: 'success', text: `Deleted the webhook ${url}. Nothing more is sent to it.` });
    return reply.redirect(base(request));
  });

  app.post('/:id/deliveries/:deliveryId/send-again', { schema: { params: deliveryParams } }, async (request, reply) => {
    const endpoint = await endpointOr404(request, request.params.id);
    await sendAgain(db, workspaceContext(request), endpoint.id, request.params.deliveryId);
    await sendSoon(request);
    setFlash(reply, { kind: 'success', text: 'Sending the event again. The new delivery is at the top of the log.' });
    return reply.redirect(`${base(request)}/${endpoint.id}#deliveries`);
  });
};
