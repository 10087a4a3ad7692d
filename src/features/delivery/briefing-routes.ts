import type { FastifyPluginAsync } from 'fastify';
import { formText } from '../../core/http/forms.ts';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { loadDelivery, requireManager, type DeliveryRequest } from './access.ts';
import {
  briefingFacts,
  briefingFieldTitles,
  briefingsOf,
  briefingTextFields,
  BriefingRuleError,
  findBriefing,
  generateBriefing,
  recentResponses,
  saveBriefing,
  type BriefingTextField,
} from './briefings.ts';
import { findRound, roundsOf } from './rounds.ts';
import { responsesOf } from './theme-queries.ts';

const MAX_SECTION = 20000;

export const briefingRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  /** Drafts are for the programme team; everyone in the programme reads briefings once shared. */
  const mayRead = (delivery: DeliveryRequest, status: 'draft' | 'shared') => delivery.canManage || status === 'shared';

  app.get('/:programmeId/delivery/briefings', async (request, reply) => {
    const delivery = await loadDelivery(request);
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

  async function loadBriefingRound(request: Parameters<typeof loadDelivery>[0]) {
    const delivery = await loadDelivery(request);
    const round = await findRound(db, delivery.ctx.workspace.id, delivery.programme.id, Number((request.params as { number: string }).number));
    if (!round) throw new NotFoundError();
    const briefing = await findBriefing(db, delivery.ctx.workspace.id, round.id);
    return { delivery, round, briefing };
  }

  app.get('/:programmeId/delivery/briefings/:number', async (request, reply) => {
    const { delivery, round, briefing } = await loadBriefingRound(request);
    if (!briefing && !delivery.canManage) throw new NotFoundError('There is no briefing for this round yet.');
    if (briefing && !mayRead(delivery, briefing.status))
      throw new ForbiddenError('This briefing is still being drafted. It will appear here when the programme team shares it.');
    const workspaceId = delivery.ctx.workspace.id;
    const [facts, responses] = await Promise.all([
      briefingFacts(db, workspaceId, delivery.programme, round),
      recentResponses(db, workspaceId, delivery.programme.id),
    ]);
    const editing = delivery.canManage && (request.query as { edit?: string }).edit === '1';
    return reply.page('delivery/views/briefing.njk', {
      ...delivery,
      title: `Briefing for ${round.title} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'briefings',
      round,
      briefing,
      facts,
      d: facts.dashboard,
      responses,
      editing,
      fields: briefingTextFields.map((key) => ({ key, title: briefingFieldTitles[key], text: briefing?.[key] ?? '' })),
    });
  });

  app.post('/:programmeId/delivery/briefings/:number', async (request, reply) => {
    const { delivery, round } = await loadBriefingRound(request);
    requireManager(delivery);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const path = `${delivery.deliveryBase}/briefings/${round.number}`;
    try {
      if (body.action === 'generate') {
        await generateBriefing(db, delivery.ctx, delivery.programme, round);
        setFlash(reply, { kind: 'success', text: 'Drafted the briefing from the returns. Edit the words, then share it.' });
        return reply.redirect(path);
      }
      const text = Object.fromEntries(
        briefingTextFields.map((key) => [key, formText(body[key]).replace(/\r\n/g, '\n').trim().slice(0, MAX_SECTION)]),
      ) as Record<BriefingTextField, string>;
      const existing = await findBriefing(db, delivery.ctx.workspace.id, round.id);
      if (body.action === 'share' || body.action === 'withdraw') {
        await saveBriefing(
          db,
          delivery.ctx,
          delivery.programme,
          round,
          existing ? (Object.fromEntries(briefingTextFields.map((k) => [k, existing[k]])) as Record<BriefingTextField, string>) : text,
          body.action === 'share',
        );
        setFlash(reply, {
          kind: 'success',
          text:
            body.action === 'share'
              ? 'Shared the briefing with the department and every site.'
              : 'Withdrew the briefing: only the programme team can see it now.',
        });
        return reply.redirect(path);
      }
      if (!text.headline) {
        setFlash(reply, { kind: 'important', text: 'Write a headline: it is the one line everyone reads.' });
        return reply.redirect(`${path}?edit=1`);
      }
      await saveBriefing(db, delivery.ctx, delivery.programme, round, text, undefined);
      setFlash(reply, { kind: 'success', text: 'Saved the briefing.' });
      return reply.redirect(path);
    } catch (error) {
      if (!(error instanceof BriefingRuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
      return reply.redirect(path);
    }
  });

  app.get('/:programmeId/delivery/briefings/:number/briefing.docx', async (request, reply) => {
    const { delivery, round, briefing } = await loadBriefingRound(request);
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
