import type { FastifyPluginAsync } from 'fastify';
import type { UploadedFile } from '../../../core/http/uploads.ts';
import { workspaceContext } from '../../../core/http/context.ts';
import { authorize, NotFoundError } from '../../../core/http/errors.ts';
import { setFlash } from '../../../core/http/flash.ts';
import { fieldError, noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../../core/http/pagination.ts';
import { evidencePolicy } from '../policy.ts';
import { FileProblem, parseReferenceFile } from './parse-file.ts';
import { cancelImport, confirmImport, countRows, createPreview, findImport, importProgress, importProgressByToken, recentImports } from './run-import.ts';

const ROWS_PER_PAGE = 100;

/** Import references from BibTeX, RIS or CSV: upload, preview row by row, then import all or nothing. */
export const importRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  async function uploadPage(request: Parameters<typeof workspaceContext>[0], errors: FormErrors) {
    const ctx = workspaceContext(request);
    return { title: 'Import references', errors, imports: await recentImports(db, ctx.workspace.id) };
  }

  app.get('/', async (request, reply) => {
    authorize(evidencePolicy.create(workspaceContext(request).member));
    return reply.page('evidence/views/import.njk', await uploadPage(request, noErrors));
  });

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    const file = (request.body as Record<string, unknown> | undefined)?.file as UploadedFile | undefined;
    if (!file || typeof file !== 'object' || !Buffer.isBuffer(file.data) || !file.filename) {
      return reply.status(400).page('evidence/views/import.njk', await uploadPage(request, fieldError('file', 'Choose a BibTeX, RIS or CSV file to import')));
    }
    let parsed;
    try {
      parsed = await parseReferenceFile(file.data, file.filename);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      return reply.status(400).page('evidence/views/import.njk', await uploadPage(request, fieldError('file', error.message)));
    }
    const id = await createPreview(db, ctx, file.filename, parsed);
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/import/${id}`);
  });

  app.get('/:id', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(evidencePolicy.create(ctx.member));
    const found = await findImport(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!found) throw new NotFoundError();
    const query = request.query as Record<string, unknown>;
    const show = ['new', 'duplicate', 'invalid'].includes(String(query.show)) ? String(query.show) : '';
    const rows = show ? found.rows.filter((row) => row.status === show) : found.rows;
    const page = pageFrom(query.page, ROWS_PER_PAGE);
    return reply.page('evidence/views/import-preview.njk', {
      title: `Import ${found.filename}`,
      upload: found,
      counts: countRows(found.rows),
      rows: rows.slice(page.offset, page.offset + page.size),
      show,
      pagination: paginationView(page, rows.length, `/w/${ctx.workspace.slug}/evidence/import/${found.id}`, { show }),
      progress: found.status === 'importing' ? importProgress(found.id) : undefined,
    });
  });

  app.post('/:id/confirm', async (request, reply) => {
    const ctx = workspaceContext(request);
    const id = (request.params as { id: string }).id;
    const token = await confirmImport(db, ctx, id);
    const importUrl = `/w/${ctx.workspace.slug}/evidence/import/${id}`;
    if (!token) {
      if (!(await findImport(db, ctx.workspace.id, id))) throw new NotFoundError();
      setFlash(reply, { kind: 'important', text: 'This file has already been imported or is being imported now.' });
      return reply.redirect(importUrl);
    }
    // The progress page is rendered without touching the database, and polls an address that does not
    // either: on PGlite the import's transaction holds the only connection until it commits.
    const progress = importProgressByToken(token)!;
    return reply.page('evidence/views/import-progress.njk', { title: 'Importing', progress, progressUrl: `/import-progress/${token}`, importUrl });
  });

  app.post('/:id/cancel', async (request, reply) => {
    const ctx = workspaceContext(request);
    const id = (request.params as { id: string }).id;
    if (!(await cancelImport(db, ctx, id))) throw new NotFoundError();
    setFlash(reply, { kind: 'success', text: 'Import cancelled. Nothing was added to the library.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/evidence/import`);
  });
};
