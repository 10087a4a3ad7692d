import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, BadRequestError, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { asArray, fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { sourceTypeLabels, strengthDescriptions, strengthLabels } from '../../core/views/labels.ts';
import { MAX_QUERY_LENGTH } from '../search/query.ts';
import { suggestSpelling } from '../search/spelling.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { topicOptions } from '../topics/queries.ts';
import { findPerson } from '../people/queries.ts';
import { evidenceItemPanels } from './item-panels.ts';
import { evidencePolicy } from './policy.ts';
import { exportEvidence, exportFormatLabels, exportFormats, itemsInOrder, type ExportFormat } from './export.ts';
import { importRoutes } from './import/routes.ts';
import type { UploadedFile } from '../../core/http/uploads.ts';
import { attachFile, attachLink, attachmentFile, attachmentsOf, removeAttachment } from './attachments/attachments.ts';
import { AttachmentError } from './attachments/extract-text.ts';
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
import { deleteEvidence, EvidenceRuleError, saveEvidence } from './save-evidence.ts';
import { attachmentLinkSchema, evidenceSchema, researchTypes } from './schemas.ts';
import { sourceTypes, strengthRatings, type SourceType, type StrengthRating } from './tables.ts';

/** The most items one export holds. */
const MAX_EXPORT = 5000;

const sourceTypeItems = sourceTypes.map((value) => ({ value, text: sourceTypeLabels[value] }));
const strengthItems = strengthRatings.map((value) => ({ value, text: strengthLabels[value], hint: { text: strengthDescriptions[value] } }));

function readFilters(query: Record<string, unknown>): { filters: EvidenceFilters; sort: EvidenceSort; queryTooLong: boolean } {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
  const rawQuery = typeof query.q === 'string' ? query.q : '';
  const year = (value: unknown) => {
    const n = Number.parseInt(text(value, 4), 10);
    return Number.isFinite(n) && n >= 1800 && n <= 2100 ? n : undefined;
  };
  const filters: EvidenceFilters = {
    q: rawQuery.slice(0, MAX_QUERY_LENGTH).trim(),
    sourceTypes: asArray(query.type).filter((v): v is SourceType => (sourceTypes as readonly string[]).includes(v)),
    strengths: asArray(query.strength).filter((v): v is StrengthRating => (strengthRatings as readonly string[]).includes(v)),
    topicIds: asArray(query.topic).slice(0, 20),
    yearFrom: year(query.from),
    yearTo: year(query.to),
    population: text(query.population, 200),
  };
  const sort: EvidenceSort = query.sort === 'newest' || !filters.q ? 'newest' : 'relevance';
  return { filters, sort, queryTooLong: rawQuery.length > MAX_QUERY_LENGTH };
}

export const evidenceRoutes: FastifyPluginAsync = async (app) => {
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

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query as Record<string, unknown>;
    const { filters, sort, queryTooLong } = readFilters(query);
    const page = pageFrom(query.page);
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

  app.get('/export', async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query as Record<string, unknown>;
    // The selection buttons send `selection` (the format) with the ticked ids; the links send `format` and the search.
    const fromSelection = query.selection !== undefined;
    const requested = String(fromSelection ? query.selection : query.format);
    const format = (exportFormats as readonly string[]).includes(requested) ? (requested as ExportFormat) : undefined;
    if (!format) throw new BadRequestError('Choose BibTeX, RIS, CSV, APA or Harvard.');
    let ids: string[];
    if (fromSelection) {
      ids = asArray(query.selected).filter(isUuid).slice(0, MAX_EXPORT);
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

  app.get('/gap-map', async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query as Record<string, unknown>;
    const pick = (value: unknown, fallback: GapDimension) =>
      (gapDimensions as readonly string[]).includes(String(value)) ? (value as GapDimension) : fallback;
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

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = evidenceSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evidence/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveEvidence(db, ctx, parsed.data);
      setFlash(reply, { kind: 'success', text: `Added “${parsed.data.title}” to the library.` });
      return reply.redirect(`/w/${ctx.workspace.slug}/evidence/${id}`);
    } catch (error) {
      if (!(error instanceof EvidenceRuleError)) throw error;
      return reply.status(400).page('evidence/views/form.njk', await formPage(request, body, fieldError(error.field, error.message)));
    }
  });

  async function itemPage(request: FastifyRequest, extra: Record<string, unknown> = {}) {
    const ctx = workspaceContext(request);
    const found = await evidenceWithTopics(db, ctx.workspace.id, (request.params as { id: string }).id);
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
      strengthDescriptions,
      canEdit: evidencePolicy.edit(ctx.member, found.item),
      canDelete: evidencePolicy.delete(ctx.member),
      errors: noErrors,
      ...extra,
    };
  }

  app.get('/:id', async (request, reply) => reply.page('evidence/views/show.njk', await itemPage(request)));

  app.post('/:id/attachments', async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const again = async (field: string, message: string, values: Record<string, unknown> = {}) =>
      reply.status(400).page('evidence/views/show.njk', await itemPage(request, { errors: fieldError(field, message), attachmentValues: values }));
    if (body.kind === 'link') {
      const parsed = attachmentLinkSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return again(String(issue.path[0] ?? 'url'), issue.message, body);
      }
      await attachLink(db, ctx, id, parsed.data.url, parsed.data.label);
      setFlash(reply, { kind: 'success', text: `Added the link “${parsed.data.label || parsed.data.url}”.` });
      return reply.redirect(`/w/${ctx.workspace.slug}/evidence/${id}#attachments`);
    }
    const file = body.file as UploadedFile | undefined;
    const label = typeof body.label === 'string' ? body.label.trim().slice(0, 200) : '';
    if (!file || typeof file !== 'object' || !Buffer.isBuffer(file.data) || !file.filename) return again('file', 'Choose a PDF or Word document to attach');
    try {
      const { note } = await attachFile(db, ctx, id, file, label);
      setFlash(reply, { kind: 'success', text: `Attached “${label || file.filename}”. ${note}` });
    } catch (error) {
      if (!(error instanceof AttachmentError)) throw error;
      return again('file', error.message);
    }
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/${id}#attachments`);
  });

  app.post('/:id/attachments/:attachmentId/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, attachmentId } = request.params as { id: string; attachmentId: string };
    const label = await removeAttachment(db, ctx, id, attachmentId);
    setFlash(reply, { kind: 'success', text: `Removed “${label}”.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/${id}#attachments`);
  });

  app.get('/:id/attachments/:attachmentId', async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, attachmentId } = request.params as { id: string; attachmentId: string };
    const file = await attachmentFile(db, ctx.workspace.id, id, attachmentId);
    if (!file) throw new NotFoundError();
    // Always a download, never rendered in the page: the file came from a user.
    const asciiName = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
    return reply
      .type(file.mimetype)
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'private, max-age=0')
      .send(file.data);
  });

  app.get('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    const found = await evidenceWithTopics(db, ctx.workspace.id, (request.params as { id: string }).id);
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

  app.post('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    const item = await findEvidence(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!item) throw new NotFoundError();
    authorize(evidencePolicy.edit(ctx.member, item));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = evidenceSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evidence/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error), item));
    try {
      await saveEvidence(db, ctx, parsed.data, item.id);
    } catch (error) {
      if (!(error instanceof EvidenceRuleError)) throw error;
      return reply.status(400).page('evidence/views/form.njk', await formPage(request, body, fieldError(error.field, error.message), item));
    }
    setFlash(reply, { kind: 'success', text: 'Saved.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/${item.id}`);
  });

  app.post('/:id/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const title = await deleteEvidence(db, ctx, (request.params as { id: string }).id);
    setFlash(reply, { kind: 'success', text: `Deleted “${title}”.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence`);
  });
};
