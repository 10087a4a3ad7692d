import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findPerson } from '../people/queries.ts';
import { erasePerson, isErased } from './erase-person.ts';
import { personProfilePanels } from '../people/profile-panels.ts';
import { exportPersonalData } from './export-personal-data.ts';
import { tableLabel } from './personal-data.ts';
import { privacyPolicy } from './policy.ts';

/** Rows of one kind shown on the page; the download holds them all. */
const ROWS_SHOWN = 50;

/** Data protection for one person: everything held about them (a page and JSON), and erasure. */
export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  // The profile links here; people knows nothing of this feature.
  personProfilePanels.add('privacy', async (db, ctx, personId) => {
    const person = await findPerson(db, ctx.workspace.id, personId);
    if (!person || !privacyPolicy.exportData(ctx.member, person)) return {};
    return { privacy: { canExportData: true, canErase: privacyPolicy.erase(ctx.member, person) && !isErased(person) } };
  });

  app.get('/:id/personal-data', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const data = await exportPersonalData(db, ctx, request.params.id, 'page');
    // The page reads as prose: ids (which say nothing to a person) are left to the download, as are rows beyond the first 50.
    const columns = (rows: Array<Record<string, unknown>>) =>
      [...new Set(rows.flatMap((row) => Object.keys(row)))]
        .filter((key) => key !== 'id' && !key.endsWith('Id'))
        .map((key) => ({ key, label: tableLabel(key) }));
    const role = (column: string) => column.replace(/_?person_id$/, '').replace(/_/g, ' ');
    return reply.page('privacy/views/personal-data.njk', {
      title: `Everything held about ${String(data.person.fullName)}`,
      data,
      records: data.records.map((record) => ({
        ...record,
        role: role(record.column),
        columns: columns(record.rows),
        shown: record.rows.slice(0, ROWS_SHOWN),
        more: Math.max(0, record.rows.length - ROWS_SHOWN),
      })),
      personFields: Object.entries(data.person)
        .filter(([key]) => key !== 'id' && !key.endsWith('Id'))
        .map(([key, value]) => ({ label: tableLabel(key), value })),
      isSelf: ctx.member.personId === request.params.id,
      canErase: privacyPolicy.erase(ctx.member, { id: request.params.id }) && !isErased(data.person as { fullName: string; email: string | null }),
      backLink: { href: `/w/${ctx.workspace.slug}/people/${request.params.id}`, text: String(data.person.fullName) },
    });
  });

  app.get('/:id/personal-data.json', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const data = await exportPersonalData(db, ctx, request.params.id, 'json');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="personal-data-${request.params.id}.json"`)
      .header('cache-control', 'private, no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/:id/erase', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, request.params.id);
    if (!person || isErased(person)) throw new NotFoundError();
    authorize(privacyPolicy.erase(ctx.member, person), 'Only an administrator erases people, and another administrator erases them.');
    return reply.page('privacy/views/erase.njk', {
      title: `Erase ${person.fullName}`,
      person,
      backLink: { href: `/w/${ctx.workspace.slug}/people/${person.id}`, text: person.fullName },
    });
  });

  app.post('/:id/erase', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    await erasePerson(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: 'Erased their personal details. What they contributed remains under “Erased person”.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/people/${request.params.id}`);
  });
};
