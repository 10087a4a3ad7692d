import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendUploadedFile } from '../../core/http/downloads.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, BadRequestError, NotFoundError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { sourceTypeLabels, strengthDescriptions, strengthLabels } from '../../core/views/labels.ts';
import { MAX_QUERY_LENGTH } from '../search/query.ts';
import { suggestSpelling } from '../search/spelling.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { topicOptions } from '../topics/queries.ts';
import { findPerson } from '../people/queries.ts';
import { evidenceItemPanels } from './item-panels.ts';
import { evidencePolicy } from './policy.ts';
import { exportEvidence, exportFormatLabels, exportFormats, itemsInOrder } from './export.ts';
import { importRoutes } from './import/routes.ts';
import { attachFile } from './attachments/attach-file.ts';
import { attachLink } from './attachments/attach-link.ts';
import { attachmentFile, attachmentsOf } from './attachments/attachment-queries.ts';
import { removeAttachment } from './attachments/remove-attachment.ts';
import {
  bandColours,
  buildGapMap,
  cellFilter,
  cellSlices,
  type GapCell,
  gapDimensionLabels,
  gapDimensions,
  gapMapCsv,
  gapMapSvg,
  strengthBands,
  type GapDimension,
} from './gap-map.ts';
import { evidenceWithTopics, findEvidence, searchEvidence, type EvidenceFilters, type EvidenceSort } from './queries.ts';
import { deleteEvidence } from './delete-evidence.ts';
import { saveEvidence } from './save-evidence.ts';
import {
  attachmentFormSchema,
  attachmentLinkSchema,
  attachmentParams,
  evidenceQuery,
  evidenceSchema,
  exportQuery,
  gapMapQuery,
  researchTypes,
  type EvidenceQuery,
} from './schemas.ts';
import { sourceTypes, strengthRatings, type SourceType, type StrengthRating } from './tables.ts';

/** The most items one export holds. */
const MAX_EXPORT = 5000;
/** Identifiers a reference file may give, as the item page names them. */
const identifierLabels: Record<string, string> = { isbn: 'ISBN', issn: 'ISSN', pmcid: 'PubMed Central', accession: 'Accession number' };

const sourceTypeItems = sourceTypes.map((value) => ({ value, text: sourceTypeLabels[value] }));
const strengthItems = strengthRatings.map((value) => ({ value, text: strengthLabels[value], hint: { text: strengthDescriptions[value] } }));

function readFilters(query: EvidenceQuery): { filters: EvidenceFilters; sort: EvidenceSort; queryTooLong: boolean } {
  const rawQuery = query.q;
  const year = (value: string) => {
    const n = Number.parseInt(value.slice(0, 4), 10);
    return Number.isFinite(n) && n >= 1800 && n <= 2100 ? n : undefined;
  };
  const filters: EvidenceFilters = {
    q: rawQuery.slice(0, MAX_QUERY_LENGTH).trim(),
    sourceTypes: query.type.filter((v): v is SourceType => (sourceTypes as readonly string[]).includes(v)),
    strengths: query.strength.filter((v): v is StrengthRating => (strengthRatings as readonly string[]).includes(v)),
    topicIds: query.topic.slice(0, 20),
    yearFrom: year(query.from),
    yearTo: year(query.to),
    population: query.population.slice(0, 200),
  };
  const sort: EvidenceSort = query.sort === 'newest' || !filters.q ? 'newest' : 'relevance';
  return { filters, sort, queryTooLong: rawQuery.length > MAX_QUERY_LENGTH };
}

export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  await app.register(importRoutes, { prefix: '/import' });

  async function formPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, item?: { id: string; title: string }) {
    const ctx = workspaceContext(request);
    return {
      title: item ? `Edit ${item.title}` : 'Add evidence',
      item,
      values,
      errors,
      sourceTypeItems,
      strengthItems,
      topicItems: await topicOptions(db, ctx.workspace.id),
    };
  }

  app.get('/', { schema: { querystring: evidenceQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { filters, sort, queryTooLong } = readFilters(request.query);
    const page = pageFrom(request.query.page);
    const [result, spelling] = await Promise.all([
      searchEvidence(db, ctx.workspace.id, filters, sort, page),
      filters.q ? suggestSpelling(db, ctx.workspace.id, filters.q) : Promise.resolve(null),
    ]);
    const params = {
      q: filters.q,
      sort: filters.q ? sort : '',
      from: filters.yearFrom ? String(filters.yearFrom) : '',
      to: filters.yearTo ? String(filters.yearTo) : '',
      population: filters.population,
    };
    const base = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
    for (const value of filters.sourceTypes) base.append('type', value);
    for (const value of filters.strengths) base.append('strength', value);
    for (const value of filters.topicIds) base.append('topic', value);
    const pagination = paginationView(page, result.total, `/w/${ctx.workspace.slug}/evidence`, base);
    return reply.page('evidence/views/list.njk', {
      exportQuery: base.toString(),
      exportFormats: exportFormats.map((value) => ({ value, text: exportFormatLabels[value] })),
      title: filters.q ? `Evidence: ${filters.q.slice(0, 60)}` : 'Evidence library',
      filters,
      sort,
      queryTooLong,
      result,
      spelling,
      spellingUrl: spelling ? `/w/${ctx.workspace.slug}/evidence?${new URLSearchParams({ q: spelling.text }).toString()}` : '',
      pagination,
      canCreate: evidencePolicy.create(ctx.member),
      sourceTypeLabels,
      strengthLabels,
      strengthDescriptions,
    });
  });

  app.get('/export', { schema: { querystring: exportQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query;
    // The selection buttons send `selection` (the format) with the ticked ids; the links send `format` and the search.
    const fromSelection = query.selection !== undefined;
    const requested = fromSelection ? query.selection : query.format;
    const format = exportFormats.find((known) => known === requested);
    if (!format) throw new BadRequestError(`Choose one of: ${Object.values(exportFormatLabels).join(', ')}.`);
    let ids: string[];
    if (fromSelection) {
      ids = query.selected.filter(isUuid).slice(0, MAX_EXPORT);
      if (ids.length === 0) throw new BadRequestError('Tick the items you want to export first, or use the links above the results to export all of them.');
    } else {
      const { filters, sort } = readFilters(query);
      ids = (await searchEvidence(db, ctx.workspace.id, filters, sort, { number: 1, size: MAX_EXPORT, offset: 0 })).items.map((item) => item.id);
    }
    const items = await itemsInOrder(db, ctx.workspace.id, ids);
    if (fromSelection && items.length === 0)
      throw new BadRequestError('None of the ticked items are in this library any more. Search again and tick the items to export.');
    const file = await exportEvidence(items, format);
    const name = `evidence-${new Date().toISOString().slice(0, 10)}.${file.extension}`;
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
  });

  app.get('/gap-map', { schema: { querystring: gapMapQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query;
    const pick = (value: string, fallback: GapDimension) => gapDimensions.find((known) => known === value) ?? fallback;
    const rowDimension = pick(query.rows, 'topic');
    let columnDimension = pick(query.columns, 'source_type');
    if (columnDimension === rowDimension) columnDimension = rowDimension === 'source_type' ? 'strength' : 'source_type';
    const map = await buildGapMap(db, ctx.workspace.id, rowDimension, columnDimension);
    const stamp = new Date().toISOString().slice(0, 10);
    if (query.format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="evidence-gap-map-${stamp}.csv"`).send(gapMapCsv(map));
    }
    if (query.format === 'svg') {
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="evidence-gap-map-${stamp}.svg"`)
        .send(gapMapSvg(map, `${ctx.workspace.name}: evidence gap map`));
    }
    const cellLink = (rowKey: string, columnKey: string) => {
      const params = new URLSearchParams([...cellFilter(rowDimension, rowKey), ...cellFilter(columnDimension, columnKey)]);
      return `/w/${ctx.workspace.slug}/evidence?${params.toString()}`;
    };
    return reply.page('evidence/views/gap-map.njk', {
      title: 'Evidence gap map',
      map,
      cellLink,
      slices: (cell: GapCell) => cellSlices(cell, map.maxCell, 26, 7, 24),
      bandColours,
      strengthBands,
      dimensionItems: gapDimensions.map((value) => ({ value, text: gapDimensionLabels[value] })),
      exportQuery: new URLSearchParams({ rows: rowDimension, columns: columnDimension }).toString(),
    });
  });

  app.get('/new', async (request, reply) => {
    authorize(evidencePolicy.create(workspaceContext(request).member));
    return reply.page('evidence/views/form.njk', await formPage(request, { sourceType: 'research_study' }, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    return submitForm(reply, {
      schema: evidenceSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evidence/views/form.njk', await formPage(request, request.body, errors)),
      save: (input) => saveEvidence(db, ctx, input),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/evidence/${id}`, flash: `Added “${input.title}” to the library.` }),
    });
  });

  async function itemPage(request: FastifyRequest, id: string, extra: Record<string, unknown> = {}) {
    const ctx = workspaceContext(request);
    const found = await evidenceWithTopics(db, ctx.workspace.id, id);
    if (!found) throw new NotFoundError();
    const [addedBy, attachments, panels] = await Promise.all([
      found.item.addedByPersonId ? findPerson(db, ctx.workspace.id, found.item.addedByPersonId) : undefined,
      attachmentsOf(db, ctx.workspace.id, found.item.id),
      evidenceItemPanels.collect(db, ctx, found.item.id),
    ]);
    return {
      title: found.item.title,
      ...found,
      ...panels,
      addedBy,
      attachments,
      isResearch: researchTypes.has(found.item.sourceType),
      identifiers: Object.entries(found.item.identifiers)
        .filter(([name]) => name in identifierLabels)
        .map(([name, value]) => ({ label: identifierLabels[name], value })),
      strengthDescriptions,
      canEdit: evidencePolicy.edit(ctx.member, found.item),
      canDelete: evidencePolicy.delete(ctx.member),
      errors: noErrors,
      ...extra,
    };
  }

  app.get('/:id', { schema: { params: idParams } }, async (request, reply) =>
    reply.page('evidence/views/show.njk', await itemPage(request, request.params.id)),
  );

  app.post('/:id/attachments', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id } = request.params;
    const redisplay = async (errors: FormErrors) =>
      reply.page('evidence/views/show.njk', await itemPage(request, id, { errors, attachmentValues: request.body }));
    const back = `/w/${ctx.workspace.slug}/evidence/${id}#attachments`;
    const { kind, label, file } = attachmentFormSchema.parse(request.body);
    if (kind === 'link') {
      return submitForm(reply, {
        schema: attachmentLinkSchema,
        body: request.body,
        redisplay,
        save: (input) => attachLink(db, ctx, id, input.url, input.label),
        done: (_id, input) => ({ to: back, flash: `Added the link “${input.label || input.url}”.` }),
      });
    }
    if (!file) {
      reply.status(400);
      return redisplay(fieldError('file', 'Choose a PDF or Word document to attach'));
    }
    return submitForm(reply, {
      schema: attachmentFormSchema,
      body: request.body,
      redisplay,
      save: () => attachFile(db, ctx, id, file, label),
      done: ({ note }) => ({ to: back, flash: `Attached “${label || file.filename}”. ${note}` }),
    });
  });

  app.post('/:id/attachments/:attachmentId/delete', { schema: { params: attachmentParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, attachmentId } = request.params;
    const label = await removeAttachment(db, ctx, id, attachmentId);
    return redirectWithFlash(reply, `/w/${ctx.workspace.slug}/evidence/${id}#attachments`, `Removed “${label}”.`);
  });

  app.get('/:id/attachments/:attachmentId', { schema: { params: attachmentParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, attachmentId } = request.params;
    const file = await attachmentFile(db, ctx.workspace.id, id, attachmentId);
    if (!file) throw new NotFoundError();
    return sendUploadedFile(reply, file);
  });

  app.get('/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const found = await evidenceWithTopics(db, ctx.workspace.id, request.params.id);
    if (!found) throw new NotFoundError();
    authorize(evidencePolicy.edit(ctx.member, found.item));
    const { item } = found;
    const values = {
      ...item,
      authors: item.authors.join('\n'),
      year: item.year ?? '',
      doi: item.doi ?? '',
      strength: item.strength ?? '',
      sitesCount: item.sitesCount ?? '',
      voicesCount: item.voicesCount ?? '',
      evaluated: item.evaluated === null ? '' : item.evaluated ? 'yes' : 'no',
      topicIds: found.topics.map((topic) => topic.id),
    };
    return reply.page('evidence/views/form.njk', await formPage(request, values, noErrors, item));
  });

  app.post('/:id/edit', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const item = await findEvidence(db, ctx.workspace.id, request.params.id);
    if (!item) throw new NotFoundError();
    authorize(evidencePolicy.edit(ctx.member, item));
    return submitForm(reply, {
      schema: evidenceSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evidence/views/form.njk', await formPage(request, request.body, errors, item)),
      save: (input) => saveEvidence(db, ctx, input, item.id),
      done: () => ({ to: `/w/${ctx.workspace.slug}/evidence/${item.id}`, flash: 'Saved.' }),
    });
  });

  app.post('/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const title = await deleteEvidence(db, ctx, request.params.id);
    return redirectWithFlash(reply, `/w/${ctx.workspace.slug}/evidence`, `Deleted “${title}”.`);
  });
};
