import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { redirectWithFlash, setFlash } from '../../core/http/flash.ts';
import { asArray, fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { optionalText, requiredText } from '../../core/http/fields.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { deliveryPolicy, loadDelivery, loadManagedDelivery, type DeliveryRequest } from './access.ts';
import { horizontalBars } from './charts.ts';
import { roundsOf } from './rounds.ts';
import { latestTemplate } from './template.ts';
import { codebook, findTheme, openCandidates, responsesOf, textUnits, themeCounts, themeQuotes } from './theme-queries.ts';
import { codeUnit } from './code-answer.ts';
import { deleteTheme, mergeThemes, saveTheme } from './save-theme.ts';
import { findEmergingThemes, resolveCandidate } from './emerging-themes.ts';
import { respondToTheme } from './respond-to-theme.ts';
import { suggestionsFor } from './theme-suggestions.ts';

const themeSchema = z.object({ name: requiredText('the theme’s name', 120), description: optionalText('description', 1000) });
const responseSchema = z.object({ response: requiredText('the response', 4000) });
/** The coding form's quote box; empty means the whole answer. */
const quoteField = optionalText('the quote', 20_000);
const UNITS_PER_PAGE = 20;

export const themeRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;
  const readers = async (request: Parameters<typeof loadDelivery>[0]) => {
    const delivery = await loadDelivery(request);
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
    const max = Math.max(1, ...counts.map((c) => c.n));
    const sum = (filter: (c: (typeof counts)[number]) => boolean) => counts.filter(filter).reduce((total, c) => total + c.n, 0);
    const rows = themes.map((theme) => ({
      theme,
      byRound: shownRounds.map((round) => {
        const n = sum((c) => c.themeId === theme.id && c.round === round.number);
        return { n, shade: Math.min(4, Math.ceil((n / max) * 4)) };
      }),
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

  app.get('/:programmeId/delivery/themes', async (request, reply) => {
    const delivery = await readers(request);
    const editId = (request.query as { edit?: string }).edit;
    return reply.page('delivery/views/themes.njk', await codebookPage(delivery, { editId: delivery.canManage ? editId : undefined }));
  });

  app.post('/:programmeId/delivery/themes', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' && body.id ? body.id : undefined;
    try {
      if (body.action === 'merge' && id) {
        const merged = await mergeThemes(db, delivery.ctx, delivery.programme.id, id, formText(body.into));
        return redirectWithFlash(reply, delivery.deliveryBase + '/themes', `Merged “${merged.from}” into “${merged.into}”.`);
      }
      if (body.action === 'delete' && id) {
        const name = await deleteTheme(db, delivery.ctx, delivery.programme.id, id);
        return redirectWithFlash(reply, delivery.deliveryBase + '/themes', `Deleted “${name}” and its codes.`);
      }
      const parsed = themeSchema.safeParse(body);
      if (!parsed.success)
        return reply
          .status(400)
          .page('delivery/views/themes.njk', await codebookPage(delivery, { editId: id, values: body, errors: formErrorsFrom(parsed.error) }));
      await saveTheme(db, delivery.ctx, delivery.programme.id, parsed.data, id);
      return redirectWithFlash(reply, delivery.deliveryBase + '/themes', `${id ? 'Saved' : 'Added'} the theme “${parsed.data.name}”.`);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      if (error.field === 'into') return redirectWithFlash(reply, delivery.deliveryBase + '/themes', error.message, 'important');
      return reply
        .status(400)
        .page('delivery/views/themes.njk', await codebookPage(delivery, { editId: id, values: body, errors: fieldError(error.field, error.message) }));
    }
  });

  /** An answer whose coding form was refused, to show again with what was typed. */
  interface RefusedCoding {
    returnId: string;
    sectionKey: string;
    themeIds: string[];
    excerpt: string;
    message: string;
  }

  const excerptFieldId = (unit: { returnId: string; sectionKey: string }) => `excerpt-${unit.returnId}-${unit.sectionKey}`;

  async function codePage(delivery: DeliveryRequest, query: Record<string, string | undefined>, refused?: RefusedCoding) {
    const workspaceId = delivery.ctx.workspace.id;
    const round = query.round && /^\d{1,5}$/.test(query.round) ? Number(query.round) : undefined;
    const template = await latestTemplate(db, workspaceId, delivery.programme.id);
    const sections = template?.definition.sections ?? [];
    const sectionKey = sections.some((s) => s.key === query.section) ? query.section : undefined;
    const show = query.show === 'all' ? 'all' : 'uncoded';
    const [units, themes, rounds] = await Promise.all([
      textUnits(db, workspaceId, delivery.programme.id, { round, sectionKey, uncodedOnly: show === 'uncoded' }),
      codebook(db, workspaceId, delivery.programme.id),
      roundsOf(db, workspaceId, delivery.programme.id),
    ]);
    const page = pageFrom(query.page, UNITS_PER_PAGE);
    const shown = units.slice(page.offset, page.offset + UNITS_PER_PAGE);
    const suggestions = await suggestionsFor(
      db,
      workspaceId,
      delivery.programme.id,
      shown.map((u) => u.text),
    );
    const names = new Map(themes.map((t) => [t.id, t.name]));
    const params = new URLSearchParams(Object.entries({ round: round ? String(round) : '', section: sectionKey ?? '', show }).filter(([, v]) => v));
    const isRefused = (unit: { returnId: string; sectionKey: string }) => refused?.returnId === unit.returnId && refused.sectionKey === unit.sectionKey;
    return {
      ...delivery,
      title: `Code answers – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'themes',
      units: shown.map((unit, i) => {
        const ticked = isRefused(unit) ? refused!.themeIds : unit.themeIds;
        return {
          ...unit,
          sectionName: sections.find((s) => s.key === unit.sectionKey)?.name ?? unit.sectionKey,
          themes: unit.themeIds.map((id) => ({ id, name: names.get(id) })),
          themeItems: themes.map((t) => ({ value: t.id, text: t.name, checked: ticked.includes(t.id) })),
          suggestions: suggestions[i]
            .filter((s) => !unit.themeIds.includes(s.label))
            .map((s) => ({ id: s.label, name: names.get(s.label), percent: Math.round(s.probability * 100) })),
          excerptId: excerptFieldId(unit),
          excerptValue: isRefused(unit) ? refused!.excerpt : (unit.quote ?? ''),
          excerptError: isRefused(unit) ? refused!.message : undefined,
        };
      }),
      total: units.length,
      pagination: paginationView(page, units.length, `${delivery.deliveryBase}/themes/code`, params),
      themes,
      query: { round: round ? String(round) : '', section: sectionKey ?? '', show },
      roundOptions: rounds.filter((r) => r.status !== 'upcoming').map((r) => ({ value: String(r.number), text: `${r.number}: ${r.title}` })),
      sectionOptions: sections.map((s) => ({ value: s.key, text: s.name })),
      returnTo: `${delivery.deliveryBase}/themes/code?${params.toString()}${page.number > 1 ? `&page=${page.number}` : ''}`,
      errors: refused ? { list: [{ text: refused.message, href: `#${excerptFieldId(refused)}` }], fields: {} } : noErrors,
    };
  }

  app.get('/:programmeId/delivery/themes/code', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    return reply.page('delivery/views/code.njk', await codePage(delivery, request.query as Record<string, string | undefined>));
  });

  app.post('/:programmeId/delivery/themes/code', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const unit = { returnId: formText(body.returnId), sectionKey: formText(body.sectionKey) };
    const themeIds = asArray(body.themeIds);
    const addId = typeof body.add === 'string' ? body.add : undefined;
    let wanted = themeIds;
    if (addId) wanted = [...new Set([...asArray(body.current), addId])];
    // The coding form always sends the quote box (empty for the whole answer); a one-click suggestion does not.
    const quote = addId ? undefined : quoteField.safeParse(body.excerpt);
    const returnTo =
      typeof body.returnTo === 'string' && body.returnTo.startsWith(`${delivery.deliveryBase}/themes/code`)
        ? body.returnTo
        : `${delivery.deliveryBase}/themes/code`;
    try {
      if (quote && !quote.success) throw new RuleError('excerpt', quote.error.issues[0].message);
      await codeUnit(db, delivery.ctx, delivery.programme.id, unit, wanted, { excerpt: quote?.data, origin: addId ? 'suggestion' : 'analyst' });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const query = Object.fromEntries(new URL(returnTo, 'http://bridgework.invalid').searchParams);
      const typed = typeof body.excerpt === 'string' ? body.excerpt : '';
      return reply
        .status(400)
        .page('delivery/views/code.njk', await codePage(delivery, query, { ...unit, themeIds: wanted, excerpt: typed, message: error.message }));
    }
    setFlash(reply, { kind: 'success', text: wanted.length ? 'Saved the themes for that answer.' : 'Removed the themes from that answer.' });
    return reply.redirect(returnTo);
  });

  async function emergingPage(delivery: DeliveryRequest, errors: FormErrors = noErrors, values: Record<string, unknown> = {}) {
    const workspaceId = delivery.ctx.workspace.id;
    const [candidates, themes] = await Promise.all([openCandidates(db, workspaceId, delivery.programme.id), codebook(db, workspaceId, delivery.programme.id)]);
    return {
      ...delivery,
      title: `Emerging themes – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'themes',
      candidates,
      themeOptions: themes.map((t) => ({ value: t.id, text: t.name })),
      errors,
      values,
    };
  }

  app.get('/:programmeId/delivery/themes/emerging', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    return reply.page('delivery/views/emerging.njk', await emergingPage(delivery));
  });

  app.post('/:programmeId/delivery/themes/emerging', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const found = await findEmergingThemes(db, delivery.ctx, delivery.programme.id);
    return redirectWithFlash(
      reply,
      delivery.deliveryBase + '/themes/emerging',
      found
        ? `Found ${found} candidate theme${found === 1 ? '' : 's'} in the uncoded answers.`
        : 'No new themes stand out in the uncoded answers: the codebook covers them, or there are too few.',
    );
  });

  app.post('/:programmeId/delivery/themes/emerging/:candidateId', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const { candidateId } = request.params as { candidateId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      let message: string;
      if (body.action === 'dismiss') message = await resolveCandidate(db, delivery.ctx, delivery.programme.id, candidateId, { action: 'dismiss' });
      else if (body.action === 'merge')
        message = await resolveCandidate(db, delivery.ctx, delivery.programme.id, candidateId, { action: 'merge', themeId: formText(body.themeId) });
      else {
        const parsed = themeSchema.safeParse(body);
        if (!parsed.success) {
          const errors = formErrorsFrom(parsed.error);
          return reply
            .status(400)
            .page(
              'delivery/views/emerging.njk',
              await emergingPage(
                delivery,
                { fields: { [`name-${candidateId}`]: errors.list[0].text }, list: [{ text: errors.list[0].text, href: `#name-${candidateId}` }] },
                body,
              ),
            );
        }
        message = await resolveCandidate(db, delivery.ctx, delivery.programme.id, candidateId, { action: 'accept', ...parsed.data });
      }
      return redirectWithFlash(reply, delivery.deliveryBase + '/themes/emerging', message);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const field = error.field === 'name' ? `name-${candidateId}` : error.field === 'themeId' ? `themeId-${candidateId}` : 'candidates';
      return reply
        .status(400)
        .page(
          'delivery/views/emerging.njk',
          await emergingPage(delivery, { fields: { [field]: error.message }, list: [{ text: error.message, href: `#${field}` }] }, body),
        );
    }
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

  app.get('/:programmeId/delivery/themes/:themeId', async (request, reply) => {
    const delivery = await readers(request);
    return reply.page('delivery/views/theme.njk', await themePage(delivery, (request.params as { themeId: string }).themeId));
  });

  app.post('/:programmeId/delivery/themes/:themeId/responses', async (request, reply) => {
    const delivery = await readers(request);
    if (!deliveryPolicy.respondToThemes(delivery)) throw new ForbiddenError();
    const { themeId } = request.params as { themeId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('delivery/views/theme.njk', await themePage(delivery, themeId, formErrorsFrom(parsed.error)));
    const rounds = await roundsOf(db, delivery.ctx.workspace.id, delivery.programme.id);
    const roundId = rounds.find((r) => r.id === body.roundId)?.id ?? null;
    await respondToTheme(db, delivery.ctx, delivery.programme.id, themeId, parsed.data.response, roundId);
    return redirectWithFlash(reply, delivery.deliveryBase + `/themes/${themeId}`, 'Recorded the response. Sites see it under Briefings.');
  });
};
