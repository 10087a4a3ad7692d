import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceContext } from '../../../core/http/context.ts';
import { authorize, NotFoundError } from '../../../core/http/errors.ts';
import { redirectWithFlash } from '../../../core/http/flash.ts';
import { fieldError, noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { pageFrom, pageParam, paginationView } from '../../../core/http/pagination.ts';
import { formBody, idParam, idParams, pathParams, queryChoice } from '../../../core/http/route-schemas.ts';
import { uploadedFileField } from '../../../core/http/uploads.ts';
import { evidencePolicy } from '../policy.ts';
import { cancelImport } from './cancel-import.ts';
import { confirmImport } from './confirm-import.ts';
import { submitAction } from '../../../core/http/submit-form.ts';
import { FileProblem, readReferenceFile, referenceFormatLabels, referenceFormats } from '../citations/read-file.ts';
import { importDecisions } from '../tables.ts';
import { decideRow } from './decide-row.ts';
import { findImport, importProgressUrl, importRowCounts, importRowsPage, readImportProgress, recentImports } from './import-queries.ts';
import { previewImport } from './preview-import.ts';

const ROWS_PER_PAGE = 100;

const uploadSchema = z.looseObject({ file: uploadedFileField });
const previewQuery = z.looseObject({ show: queryChoice(['new', 'duplicate', 'possible', 'invalid']), page: pageParam });
const rowParams = pathParams({ id: idParam, position: z.coerce.number().int().min(0).max(1_000_000) });
const decisionBody = z.looseObject({ decision: z.enum(importDecisions), back: z.string().optional() });

/** Import references from RIS, BibTeX, PubMed (MEDLINE), CSL-JSON or CSV: upload, preview record by record, then import every new one. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, database, jobs } = app.deps;

  async function uploadPage(request: FastifyRequest, errors: FormErrors) {
    const ctx = workspaceContext(request);
    return { title: 'Import references', errors, imports: await recentImports(db, ctx.workspace.id) };
  }

  app.get('/', async (request, reply) => {
    authorize(evidencePolicy.create(workspaceContext(request).member));
    return reply.page('evidence/views/import.njk', await uploadPage(request, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    const refuse = async (message: string) => reply.status(400).page('evidence/views/import.njk', await uploadPage(request, fieldError('file', message)));
    const { file } = uploadSchema.parse(request.body);
    if (!file) return refuse('Choose a RIS, BibTeX, PubMed, CSL-JSON or CSV file to import');
    let parsed;
    try {
      parsed = await readReferenceFile(file.data);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      return refuse(error.message);
    }
    const id = await previewImport(db, ctx, file.filename, parsed);
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/import/${id}`);
  });

  app.get('/:id', { schema: { params: idParams, querystring: previewQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    // The rows stay in the database: a 20,000-record preview is counted and paged there, not read whole.
    const found = await findImport(db, ctx.workspace.id, request.params.id);
    if (!found) throw new NotFoundError();
    const show = request.query.show ?? '';
    const counts = await importRowCounts(db, ctx.workspace.id, found.id);
    const shown = show ? counts[show] : counts.all;
    const page = pageFrom(request.query.page, ROWS_PER_PAGE);
    const rows = await importRowsPage(db, ctx.workspace.id, found.id, show, page);
    return reply.page('evidence/views/import-preview.njk', {
      title: `Import ${found.filename}`,
      upload: found,
      formatLabel: referenceFormatLabels[referenceFormats.find((format) => format === found.format) ?? 'ris'],
      counts,
      rows,
      show,
      here: request.url,
      pagination: paginationView(page, shown, `/w/${ctx.workspace.slug}/evidence/import/${found.id}`, { show }),
      progress: found.status === 'importing' && found.progressToken ? await readImportProgress(database, ctx.workspace.id, found.progressToken) : undefined,
    });
  });

  app.post('/:id/rows/:position', { schema: { params: rowParams, body: decisionBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id, position } = request.params;
    const { decision, back } = request.body;
    const importUrl = `/w/${ctx.workspace.slug}/evidence/import/${id}`;
    // Back to the same page of the preview, at the row decided on.
    const to = back?.startsWith(`${importUrl}?`) || back === importUrl ? back : importUrl;
    return submitAction(reply, {
      back: to,
      run: () => decideRow(db, ctx, id, position, decision),
      done: (row) => ({
        to: `${to}#record-${row.row}`,
        flash: `Record ${row.row}: ${row.decision === 'import' ? 'will be imported as a new item' : row.decision === 'merge' ? 'will be merged into the item in the library' : 'will be left out'}.`,
      }),
    });
  });

  app.post('/:id/confirm', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { id } = request.params;
    const started = await confirmImport(db, jobs, ctx, id);
    const importUrl = `/w/${ctx.workspace.slug}/evidence/import/${id}`;
    if (!started) {
      if (!(await findImport(db, ctx.workspace.id, id))) throw new NotFoundError();
      return redirectWithFlash(reply, importUrl, 'This file has already been imported or is being imported now.', 'important');
    }
    // The progress page is rendered without touching the database, and polls an address that needs no session:
    // on PGlite the import's transaction holds the only connection until it commits.
    return reply.page('evidence/views/import-progress.njk', {
      title: 'Importing',
      progress: started.progress,
      progressUrl: importProgressUrl(ctx.workspace.id, started.token),
      importUrl,
    });
  });

  app.post('/:id/cancel', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    await cancelImport(db, ctx, request.params.id);
    return redirectWithFlash(reply, `/w/${ctx.workspace.slug}/evidence/import`, 'Import cancelled. Nothing was added to the library.');
  });
};
