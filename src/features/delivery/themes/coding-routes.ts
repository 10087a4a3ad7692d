import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../../core/http/pagination.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { roundsOf } from '../rounds/queries.ts';
import { candidateParams, deliveryParams } from '../schemas.ts';
import { latestTemplate } from '../template/queries.ts';
import { codeUnit } from './code-answer.ts';
import { EMERGING_THEMES_JOB } from './find-emerging-themes.ts';
import { codebook, openCandidates, textUnits } from './queries.ts';
import { requestEmergingThemes } from './request-emerging-themes.ts';
import { resolveCandidate, type CandidateDecision } from './resolve-candidate.ts';
import { candidateAction, codeQuery, codingForm, codingTarget, mergeCandidateSchema, suggestionForm, themeSchema } from './schemas.ts';
import { suggestionsFor } from './suggestions.ts';

const UNITS_PER_PAGE = 20;
type CodeQuery = z.output<typeof codeQuery>;

/** Coding answers with themes, one by one or from suggestions, and the emerging themes found in what is still uncoded. */
export const codingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, jobs } = app.deps;

  /** An answer whose coding form was refused, to show again with what was typed. */
  interface RefusedCoding {
    returnId: string;
    sectionKey: string;
    themeIds: string[];
    excerpt: string;
    message: string;
  }

  const excerptFieldId = (unit: { returnId: string; sectionKey: string }) => `excerpt-${unit.returnId}-${unit.sectionKey}`;

  async function codePage(delivery: DeliveryRequest, query: CodeQuery, refused?: RefusedCoding) {
    const workspaceId = delivery.ctx.workspace.id;
    const { round, show } = query;
    const template = await latestTemplate(db, workspaceId, delivery.programme.id);
    const sections = template?.definition.sections ?? [];
    const sectionKey = sections.some((s) => s.key === query.section) ? query.section : undefined;
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

  app.get('/:programmeId/delivery/themes/code', { schema: { params: deliveryParams, querystring: codeQuery } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return reply.page('delivery/views/code.njk', await codePage(delivery, request.query));
  });

  app.post('/:programmeId/delivery/themes/code', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const target = codingTarget.safeParse(request.body);
    if (!target.success) throw new NotFoundError();
    const { returnId, sectionKey, themeIds, current, add } = target.data;
    const unit = { returnId, sectionKey };
    const wanted = add ? [...new Set([...current, add])] : themeIds;
    const codingPage = `${delivery.deliveryBase}/themes/code`;
    const returnTo = target.data.returnTo.startsWith(codingPage) ? target.data.returnTo : codingPage;
    const excerpt = request.body.excerpt;
    return submitForm(reply, {
      schema: add ? suggestionForm : codingForm,
      body: request.body,
      redisplay: async (errors) => {
        const query = codeQuery.parse(Object.fromEntries(new URL(returnTo, 'http://bridgework.invalid').searchParams));
        const typed = typeof excerpt === 'string' ? excerpt : '';
        reply.status(400);
        return reply.page(
          'delivery/views/code.njk',
          await codePage(delivery, query, { ...unit, themeIds: wanted, excerpt: typed, message: errors.list[0].text }),
        );
      },
      save: (input) =>
        codeUnit(db, delivery.ctx, delivery, delivery.programme.id, unit, wanted, { excerpt: input.excerpt, origin: add ? 'suggestion' : 'analyst' }),
      done: (names) => ({ to: returnTo, flash: names.length ? 'Saved the themes for that answer.' : 'Removed the themes from that answer.' }),
    });
  });

  async function emergingPage(delivery: DeliveryRequest, errors: FormErrors = noErrors, values: Record<string, unknown> = {}) {
    const workspaceId = delivery.ctx.workspace.id;
    const [candidates, themes, looking] = await Promise.all([
      openCandidates(db, workspaceId, delivery.programme.id),
      codebook(db, workspaceId, delivery.programme.id),
      jobs.pending(EMERGING_THEMES_JOB, delivery.programme.id),
    ]);
    return {
      ...delivery,
      title: `Emerging themes – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'themes',
      candidates,
      looking,
      themeOptions: themes.map((t) => ({ value: t.id, text: t.name })),
      errors,
      values,
    };
  }

  app.get('/:programmeId/delivery/themes/emerging', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return reply.page('delivery/views/emerging.njk', await emergingPage(delivery));
  });

  app.post('/:programmeId/delivery/themes/emerging', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitAction(reply, {
      back: `${delivery.deliveryBase}/themes/emerging`,
      run: () => requestEmergingThemes(db, jobs, delivery.ctx, delivery, delivery.programme.id),
      done: (asked) => ({
        flash: asked
          ? 'Bridgework is looking for emerging themes in the uncoded answers. The candidates appear on this page when it has finished, usually within a minute.'
          : 'Bridgework is already looking for emerging themes. The candidates appear on this page when it has finished.',
      }),
    });
  });

  app.post('/:programmeId/delivery/themes/emerging/:candidateId', { schema: { params: candidateParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const { candidateId } = request.params;
    const action = candidateAction.parse(request.body.action);
    // Each candidate is its own small form on one page: an error names the field of that candidate.
    const fieldOf = (field: string) => (field === 'name' ? `name-${candidateId}` : field === 'themeId' ? `themeId-${candidateId}` : 'candidates');
    const decide = (decision: CandidateDecision) => resolveCandidate(db, delivery.ctx, delivery, delivery.programme.id, candidateId, decision);
    const form = {
      body: request.body,
      redisplay: async (errors: FormErrors) => {
        const field = fieldOf(Object.keys(errors.fields)[0] ?? '');
        const text = errors.list[0].text;
        return reply.page(
          'delivery/views/emerging.njk',
          await emergingPage(delivery, { fields: { [field]: text }, list: [{ text, href: `#${field}` }] }, request.body),
        );
      },
      done: (message: string) => ({ to: `${delivery.deliveryBase}/themes/emerging`, flash: message }),
    };
    if (action === 'dismiss') return submitForm(reply, { ...form, schema: z.object({}), save: () => decide({ action: 'dismiss' }) });
    if (action === 'merge') return submitForm(reply, { ...form, schema: mergeCandidateSchema, save: ({ themeId }) => decide({ action: 'merge', themeId }) });
    return submitForm(reply, { ...form, schema: themeSchema, save: (input) => decide({ action: 'accept', ...input }) });
  });
};
