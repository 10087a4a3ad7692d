import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { organisationKindLabels, regions } from '../../core/views/labels.ts';
import { organisationPolicy } from './policy.ts';
import { ancestorsOf, childOrganisations, findOrganisation, listOrganisations, organisationOptions, peopleAt } from './queries.ts';
import { deleteOrganisation, OrganisationRuleError, saveOrganisation } from './save-organisation.ts';
import { organisationSchema } from './schemas.ts';
import { organisationKinds, type OrganisationKind } from './tables.ts';

const kindItems = organisationKinds.map((value) => ({ value, text: organisationKindLabels[value] }));
const regionItems = regions.map((value) => ({ value, text: value }));

function listFilters(query: Record<string, unknown>) {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
  const kind = text(query.kind, 40);
  const region = text(query.region, 60);
  return {
    q: text(query.q, 200),
    kind: (organisationKinds as readonly string[]).includes(kind) ? (kind as OrganisationKind) : undefined,
    region: (regions as readonly string[]).includes(region) ? region : undefined,
    parentId: text(query.parent, 40) || undefined,
  };
}

export const organisationRoutes: FastifyPluginAsync = async (app) => {
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

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query as Record<string, unknown>;
    const filters = listFilters(query);
    const page = pageFrom(query.page);
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

  app.get('/new', async (request, reply) => {
    authorize(organisationPolicy.create(workspaceContext(request).member));
    const query = request.query as Record<string, unknown>;
    return reply.page('organisations/views/form.njk', await formPage(request, { parentId: query.parent }, noErrors));
  });

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.create(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = organisationSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('organisations/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveOrganisation(db, ctx, parsed.data);
      setFlash(reply, { kind: 'success', text: `Added ${parsed.data.name}.` });
      return reply.redirect(`/w/${ctx.workspace.slug}/organisations/${id}`);
    } catch (error) {
      if (!(error instanceof OrganisationRuleError)) throw error;
      return reply.status(400).page('organisations/views/form.njk', await formPage(request, body, fieldError(error.field, error.message)));
    }
  });

  app.get('/:id', async (request, reply) => {
    const ctx = workspaceContext(request);
    const organisation = await findOrganisation(db, ctx.workspace.id, (request.params as { id: string }).id);
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

  app.get('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.edit(ctx.member));
    const organisation = await findOrganisation(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!organisation) throw new NotFoundError();
    return reply.page('organisations/views/form.njk', await formPage(request, organisation, noErrors, organisation));
  });

  app.post('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(organisationPolicy.edit(ctx.member));
    const organisation = await findOrganisation(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!organisation) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = organisationSchema.safeParse(body);
    if (!parsed.success) {
      return reply.status(400).page('organisations/views/form.njk', await formPage(request, body, formErrorsFrom(parsed.error), organisation));
    }
    try {
      await saveOrganisation(db, ctx, parsed.data, organisation.id);
    } catch (error) {
      if (!(error instanceof OrganisationRuleError)) throw error;
      return reply.status(400).page('organisations/views/form.njk', await formPage(request, body, fieldError(error.field, error.message), organisation));
    }
    setFlash(reply, { kind: 'success', text: `Saved ${parsed.data.name}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/organisations/${organisation.id}`);
  });

  app.post('/:id/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deleteOrganisation(db, ctx, (request.params as { id: string }).id);
    setFlash(reply, { kind: 'success', text: `Deleted ${name}. Its people and member organisations have been kept.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/organisations`);
  });
};
