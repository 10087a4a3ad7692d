import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { findRound, roundsOf, type Round } from '../rounds/queries.ts';
import { deliveryParams, roundParams } from '../schemas.ts';
import { responsesOf } from '../themes/queries.ts';
import { briefingFacts, briefingFieldTitles, briefingTextFields, type Briefing } from './facts.ts';
import { generateBriefing } from './generate-briefing.ts';
import { briefingsOf, findBriefing, recentResponses } from './queries.ts';
import { saveBriefing } from './save-briefing.ts';
import { briefingAction, briefingPageQuery, briefingWordsSchema } from './schemas.ts';

/** The checkpoint briefing for each round: drafted from the returns, edited, shared with the department and sites. */
export const briefingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  /** Drafts are for the programme team; everyone in the programme reads briefings once shared. */
  const mayRead = (delivery: DeliveryRequest, status: 'draft' | 'shared') => delivery.canManage || status === 'shared';

  app.get('/:programmeId/delivery/briefings', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    const workspaceId = delivery.ctx.workspace.id;
    const [rounds, briefings, responses] = await Promise.all([
      roundsOf(db, workspaceId, delivery.programme.id),
      briefingsOf(db, workspaceId, delivery.programme.id),
      responsesOf(db, workspaceId, delivery.programme.id),
    ]);
    const byRound = new Map(briefings.map((b) => [b.roundId, b]));
    const listed = rounds
      .filter((r) => r.status !== 'upcoming')
      .map((round) => ({ round, briefing: byRound.get(round.id) }))
      .filter((entry) => delivery.canManage || entry.briefing?.status === 'shared')
      .reverse();
    return reply.page('delivery/views/briefings.njk', {
      ...delivery,
      title: `Briefings – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'briefings',
      listed,
      responses,
    });
  });

  async function findBriefingRound(delivery: DeliveryRequest, number: number) {
    const round = await findRound(db, delivery.ctx.workspace.id, delivery.programme.id, number);
    if (!round) throw new NotFoundError();
    const briefing = await findBriefing(db, delivery.ctx.workspace.id, round.id);
    return { round, briefing };
  }

  async function loadBriefingRound(request: FastifyRequest, params: { programmeId: string; number: number }) {
    const delivery = await loadDelivery(request, params.programmeId);
    return { delivery, ...(await findBriefingRound(delivery, params.number)) };
  }

  async function briefingPage(
    delivery: DeliveryRequest,
    round: Round,
    briefing: Briefing | undefined,
    edit: { editing: boolean; values?: Record<string, unknown>; errors?: FormErrors },
  ) {
    const workspaceId = delivery.ctx.workspace.id;
    const [facts, responses] = await Promise.all([
      briefingFacts(db, workspaceId, delivery.programme, round),
      recentResponses(db, workspaceId, delivery.programme.id),
    ]);
    const textOf = (key: (typeof briefingTextFields)[number]) => {
      const typed = edit.values?.[key];
      return typeof typed === 'string' ? typed : (briefing?.[key] ?? '');
    };
    return {
      ...delivery,
      title: `Briefing for ${round.title} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'briefings',
      round,
      briefing,
      facts,
      d: facts.dashboard,
      responses,
      editing: edit.editing,
      errors: edit.errors ?? noErrors,
      fields: briefingTextFields.map((key) => ({ key, title: briefingFieldTitles[key], text: textOf(key) })),
    };
  }

  app.get('/:programmeId/delivery/briefings/:number', { schema: { params: roundParams, querystring: briefingPageQuery } }, async (request, reply) => {
    const { delivery, round, briefing } = await loadBriefingRound(request, request.params);
    if (!briefing && !delivery.canManage) throw new NotFoundError('There is no briefing for this round yet.');
    if (briefing && !mayRead(delivery, briefing.status))
      throw new ForbiddenError('This briefing is still being drafted. It will appear here when the programme team shares it.');
    const editing = delivery.canManage && request.query.edit;
    return reply.page('delivery/views/briefing.njk', await briefingPage(delivery, round, briefing, { editing }));
  });

  app.post('/:programmeId/delivery/briefings/:number', { schema: { params: roundParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const { round, briefing } = await findBriefingRound(delivery, request.params.number);
    const back = `${delivery.deliveryBase}/briefings/${round.number}`;
    const action = briefingAction.parse(request.body.action);
    switch (action) {
      case 'generate':
        return submitAction(reply, {
          back,
          run: () => generateBriefing(db, delivery.ctx, delivery, delivery.programme, round),
          done: () => ({ flash: 'Drafted the briefing from the returns. Edit the words, then share it.' }),
        });
      case 'share':
      case 'withdraw':
        return submitAction(reply, {
          back,
          run: () => saveBriefing(db, delivery.ctx, delivery, delivery.programme, round, { share: action === 'share' }),
          done: () => ({
            flash:
              action === 'share' ? 'Shared the briefing with the department and every site.' : 'Withdrew the briefing: only the programme team can see it now.',
          }),
        });
      case 'save':
        return submitForm(reply, {
          schema: briefingWordsSchema,
          body: request.body,
          redisplay: async (errors) =>
            reply.page('delivery/views/briefing.njk', await briefingPage(delivery, round, briefing, { editing: true, values: request.body, errors })),
          save: (words) => saveBriefing(db, delivery.ctx, delivery, delivery.programme, round, { words }),
          done: () => ({ to: back, flash: 'Saved the briefing.' }),
        });
    }
  });

  app.get('/:programmeId/delivery/briefings/:number/briefing.docx', { schema: { params: roundParams } }, async (request, reply) => {
    const { delivery, round, briefing } = await loadBriefingRound(request, request.params);
    if (!briefing) throw new NotFoundError('There is no briefing for this round yet.');
    if (!mayRead(delivery, briefing.status)) throw new ForbiddenError('This briefing is still being drafted.');
    const workspaceId = delivery.ctx.workspace.id;
    const [facts, responses] = await Promise.all([
      briefingFacts(db, workspaceId, delivery.programme, round),
      recentResponses(db, workspaceId, delivery.programme.id),
    ]);
    // Loaded on demand: the docx library is only needed for a download.
    const { briefingDocx } = await import('./briefing-docx.ts');
    const buffer = await briefingDocx(delivery.programme, round, briefing, facts, responses, delivery.ctx.workspace.name);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="briefing round ${round.number}.docx"`)
      .send(buffer);
  });
};
