import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { horizontalBars } from '../charts.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { deliveryPolicy } from '../policy.ts';
import { roundsOf } from '../rounds/queries.ts';
import { deliveryParams, themeParams } from '../schemas.ts';
import { deleteTheme } from './delete-theme.ts';
import { mergeThemes } from './merge-themes.ts';
import { codebook, findTheme, openCandidates, responsesOf, textUnits, themeCounts, themeQuotes } from './queries.ts';
import { respondToTheme } from './respond-to-theme.ts';
import { saveTheme } from './save-theme.ts';
import { codebookQuery, codebookTarget, responseSchema, themeSchema } from './schemas.ts';

/** The codebook (themes, how often each comes up), each theme's page, and the department's responses. */
export const themeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const readers = async (request: FastifyRequest, programmeId: string) => {
    const delivery = await loadDelivery(request, programmeId);
    if (!delivery.canSeeDashboard)
      throw new ForbiddenError('Themes are read by the programme team and the department. The department’s responses to them are on the Briefings page.');
    return delivery;
  };

  async function codebookPage(delivery: DeliveryRequest, options: { editId?: string; values?: Record<string, unknown>; errors?: FormErrors } = {}) {
    const workspaceId = delivery.ctx.workspace.id;
    const [themes, counts, rounds, uncoded, candidates] = await Promise.all([
      codebook(db, workspaceId, delivery.programme.id),
      themeCounts(db, workspaceId, delivery.programme.id),
      roundsOf(db, workspaceId, delivery.programme.id),
      textUnits(db, workspaceId, delivery.programme.id, { uncodedOnly: true }),
      openCandidates(db, workspaceId, delivery.programme.id),
    ]);
    const shownRounds = rounds.filter((r) => r.status !== 'upcoming').slice(-12);
    const hubs = [...new Set(counts.map((c) => c.hub))].sort();
    const sum = (filter: (c: (typeof counts)[number]) => boolean) => counts.filter(filter).reduce((total, c) => total + c.n, 0);
    const perRound = themes.map((theme) => shownRounds.map((round) => sum((c) => c.themeId === theme.id && c.round === round.number)));
    // Shades are against the busiest cell shown, so darker means more answers in that round than elsewhere in the table.
    const max = Math.max(1, ...perRound.flat());
    const rows = themes.map((theme, index) => ({
      theme,
      byRound: perRound[index].map((n) => ({ n, shade: n === 0 ? 0 : Math.max(1, Math.ceil((n / max) * 4)) })),
      byHub: hubs.map((hub) => sum((c) => c.themeId === theme.id && c.hub === hub)),
    }));
    const editing = options.editId ? themes.find((t) => t.id === options.editId) : undefined;
    return {
      ...delivery,
      title: `Themes – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'themes',
      rows,
      themes,
      shownRounds,
      hubs,
      uncodedCount: uncoded.length,
      candidateCount: candidates.length,
      chart: horizontalBars(
        themes.map((t) => ({ label: t.name, value: t.codings })).sort((a, b) => b.value - a.value),
        'Answers coded with each theme, all rounds',
      ),
      editing,
      values: options.values ?? (editing ? { name: editing.name, description: editing.description } : {}),
      errors: options.errors ?? noErrors,
      themeOptions: themes.map((t) => ({ value: t.id, text: t.name })),
    };
  }

  app.get('/:programmeId/delivery/themes', { schema: { params: deliveryParams, querystring: codebookQuery } }, async (request, reply) => {
    const delivery = await readers(request, request.params.programmeId);
    return reply.page('delivery/views/themes.njk', await codebookPage(delivery, { editId: delivery.canManage ? request.query.edit : undefined }));
  });

  app.post('/:programmeId/delivery/themes', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const { id, action, into } = codebookTarget.parse(request.body);
    const back = `${delivery.deliveryBase}/themes`;
    if (action === 'merge' && id)
      return submitAction(reply, {
        back,
        run: () => mergeThemes(db, delivery.ctx, delivery, delivery.programme.id, id, into ?? ''),
        done: (merged) => ({ flash: `Merged “${merged.from}” into “${merged.into}”.` }),
      });
    if (action === 'delete' && id)
      return submitAction(reply, {
        back,
        run: () => deleteTheme(db, delivery.ctx, delivery, delivery.programme.id, id),
        done: (name) => ({ flash: `Deleted “${name}” and its codes.` }),
      });
    return submitForm(reply, {
      schema: themeSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/themes.njk', await codebookPage(delivery, { editId: id, values: request.body, errors })),
      save: (input) => saveTheme(db, delivery.ctx, delivery, delivery.programme.id, input, id),
      done: (_, input) => ({ to: back, flash: `${id ? 'Saved' : 'Added'} the theme “${input.name}”.` }),
    });
  });

  async function themePage(delivery: DeliveryRequest, themeId: string, errors: FormErrors = noErrors) {
    const workspaceId = delivery.ctx.workspace.id;
    const theme = await findTheme(db, workspaceId, delivery.programme.id, themeId);
    if (!theme) throw new NotFoundError();
    const [quotes, counts, responses, rounds] = await Promise.all([
      themeQuotes(db, workspaceId, theme.id),
      themeCounts(db, workspaceId, delivery.programme.id),
      responsesOf(db, workspaceId, delivery.programme.id, theme.id),
      roundsOf(db, workspaceId, delivery.programme.id),
    ]);
    const mine = counts.filter((c) => c.themeId === theme.id);
    const byHub = [...new Set(mine.map((c) => c.hub))]
      .map((hub) => ({ label: hub, value: mine.filter((c) => c.hub === hub).reduce((t, c) => t + c.n, 0) }))
      .sort((a, b) => b.value - a.value);
    const byRound = rounds
      .filter((r) => r.status !== 'upcoming')
      .map((r) => ({ label: `${r.number}: ${r.title}`, value: mine.filter((c) => c.round === r.number).reduce((t, c) => t + c.n, 0) }));
    return {
      ...delivery,
      title: `${theme.name} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'themes',
      theme,
      quotes,
      responses,
      byHub,
      byRound,
      hubChart: horizontalBars(byHub, `Answers about ${theme.name} by hub`),
      roundChart: horizontalBars(byRound, `Answers about ${theme.name} by round`),
      canRespond: deliveryPolicy.respondToThemes(delivery),
      roundOptions: rounds.filter((r) => r.status !== 'upcoming').map((r) => ({ value: r.id, text: `${r.number}: ${r.title}` })),
      errors,
    };
  }

  app.get('/:programmeId/delivery/themes/:themeId', { schema: { params: themeParams } }, async (request, reply) => {
    const delivery = await readers(request, request.params.programmeId);
    return reply.page('delivery/views/theme.njk', await themePage(delivery, request.params.themeId));
  });

  app.post('/:programmeId/delivery/themes/:themeId/responses', { schema: { params: themeParams, body: formBody } }, async (request, reply) => {
    const delivery = await readers(request, request.params.programmeId);
    if (!deliveryPolicy.respondToThemes(delivery)) throw new ForbiddenError('Only the department and the programme team respond to themes.');
    const { themeId } = request.params;
    return submitForm(reply, {
      schema: responseSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/theme.njk', await themePage(delivery, themeId, errors)),
      save: (input) => respondToTheme(db, delivery.ctx, delivery, delivery.programme.id, themeId, input),
      done: () => ({ to: `${delivery.deliveryBase}/themes/${themeId}`, flash: 'Recorded the response. Sites see it under Briefings.' }),
    });
  });
};
