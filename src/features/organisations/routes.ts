import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, idParams, queryChoice, queryOf, queryText } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { pageParam } from '../../core/http/pagination.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { organisationKindLabels, regions } from '../../core/views/labels.ts';
import { organisationPolicy } from './policy.ts';
import { ancestorsOf, childOrganisations, findOrganisation, listOrganisations, organisationOptions, peopleAt } from './queries.ts';
import { deleteOrganisation } from './delete-organisation.ts';
import { saveOrganisation } from './save-organisation.ts';
import { organisationSchema } from './schemas.ts';
import { organisationKinds } from './tables.ts';

const kindItems = organisationKinds.map((value) => ({ value, text: organisationKindLabels[value] }));
const regionItems = regions.map((value) => ({ value, text: value }));

const listQuery = queryOf({ q: queryText(200), kind: queryChoice(organisationKinds), region: queryChoice(regions), parent: queryText(40), page: pageParam });
const newQuery = queryOf({ parent: queryText(40) });

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  async function formPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, organisation?: { id: string; name: string }) {
    const ctx = workspaceContext(request);
    const options = (await organisationOptions(db, ctx.workspace.id)).filter((option) => option.value !== organisation?.id);
    return {
      title: organisation ? `Edit ${organisation.name}` : 'Add an organisation',
      organisation,
      values,
      errors,
      kindItems,
      regionItems,
      parentItems: options,
    };
  }

  app.get('/', { schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { q, kind, region, parent: parentId } = request.query;
    const filters = { q, kind, region, parentId: parentId || undefined };
    const page = pageFrom(request.query.page);
    const { rows, total } = await listOrganisations(db, ctx.workspace.id, filters, page);
    const parent = filters.parentId ? await findOrganisation(db, ctx.workspace.id, filters.parentId) : undefined;
    return reply.page('organisations/views/list.njk', {
      title: 'Organisations',
      organisations: rows,
      filters: { ...filters, kind: filters.kind ?? '', region: filters.region ?? '' },
      parent,
      kindItems,
      regionItems,
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/organisations`, {
        q: filters.q,
        kind: filters.kind ?? '',
        region: filters.region ?? '',
        parent: parent?.id ?? '',
      }),
      canCreate: organisationPolicy.create(ctx.member),
    });
  });

  app.get('/new', { schema: { querystring: newQuery } }, async (request, reply) => {
    authorize(organisationPolicy.create(workspaceContext(request).member));
    return reply.page('organisations/views/form.njk', await formPage(request, { parentId: request.query.parent }, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.create(ctx.member));
    return submitForm(reply, {
      schema: organisationSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('organisations/views/form.njk', await formPage(request, request.body, errors)),
      save: (input) => saveOrganisation(db, ctx, input),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/organisations/${id}`, flash: `Added ${input.name}.` }),
    });
  });

  app.get('/:id', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const organisation = await findOrganisation(db, ctx.workspace.id, request.params.id);
    if (!organisation) throw new NotFoundError();
    const [ancestors, children, members] = await Promise.all([
      ancestorsOf(db, ctx.workspace.id, organisation.id),
      childOrganisations(db, ctx.workspace.id, organisation.id),
      peopleAt(db, ctx.workspace.id, organisation.id),
    ]);
    return reply.page('organisations/views/show.njk', {
      title: organisation.name,
      organisation,
      ancestors,
      children,
      members,
      canEdit: organisationPolicy.edit(ctx.member),
      canDelete: organisationPolicy.delete(ctx.member),
    });
  });

  app.get('/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.edit(ctx.member));
    const organisation = await findOrganisation(db, ctx.workspace.id, request.params.id);
    if (!organisation) throw new NotFoundError();
    return reply.page('organisations/views/form.njk', await formPage(request, organisation, noErrors, organisation));
  });

  app.post('/:id/edit', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.edit(ctx.member));
    const organisation = await findOrganisation(db, ctx.workspace.id, request.params.id);
    if (!organisation) throw new NotFoundError();
    return submitForm(reply, {
      schema: organisationSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('organisations/views/form.njk', await formPage(request, request.body, errors, organisation)),
      save: (input) => saveOrganisation(db, ctx, input, organisation.id),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/organisations/${id}`, flash: `Saved ${input.name}.` }),
    });
  });

  app.post('/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deleteOrganisation(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `Deleted ${name}. Its people and member organisations have been kept.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/organisations`);
  });
};
