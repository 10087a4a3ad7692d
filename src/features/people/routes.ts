import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { contactPreferenceLabels, regions, roleLabels } from '../../core/views/labels.ts';
import { roles, rolesGrantableBy, type Role } from '../../core/auth/roles.ts';
import { organisationOptions } from '../organisations/queries.ts';
import { topicOptions } from '../topics/queries.ts';
import { peoplePolicy } from './policy.ts';
import { findPerson, listPeople, personProfile, topicsFor } from './queries.ts';
import { personProfilePanels } from './profile-panels.ts';
import { deletePerson, PersonRuleError, savePerson } from './save-person.ts';
import { personSchema } from './schemas.ts';
import { contactPreferences } from './tables.ts';

const regionItems = regions.map((value) => ({ value, text: value }));
const contactItems = contactPreferences.map((value) => ({ value, text: contactPreferenceLabels[value] }));
const accessItems = [...roles.map((value) => ({ value, text: roleLabels[value] })), { value: 'none', text: 'No account' }];

function listFilters(query: Record<string, unknown>) {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
  const region = text(query.region, 60);
  const access = text(query.access, 20);
  return {
    q: text(query.q, 200),
    organisationId: text(query.organisation, 40),
    region: (regions as readonly string[]).includes(region) ? region : '',
    topicId: text(query.topic, 40),
    access: access === 'none' || (roles as readonly string[]).includes(access) ? (access as Role | 'none') : undefined,
    openToContact: query.openToContact === 'yes',
  };
}

export const peopleRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  async function formPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, person?: { id: string; fullName: string }) {
    const ctx = workspaceContext(request);
    const [organisationItems, topicItems] = await Promise.all([organisationOptions(db, ctx.workspace.id), topicOptions(db, ctx.workspace.id)]);
    return {
      title: person ? `Edit ${person.fullName}` : 'Add a person',
      person,
      values,
      errors,
      organisationItems,
      topicItems,
      regionItems,
      contactItems,
    };
  }

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    const query = request.query as Record<string, unknown>;
    const filters = listFilters(query);
    const page = pageFrom(query.page);
    const [{ rows, total }, organisationItems, topicItems] = await Promise.all([
      listPeople(db, ctx.workspace.id, filters, page),
      organisationOptions(db, ctx.workspace.id),
      topicOptions(db, ctx.workspace.id),
    ]);
    return reply.page('people/views/list.njk', {
      title: 'People',
      people: rows,
      filters: { ...filters, access: filters.access ?? '' },
      organisationItems,
      topicItems,
      regionItems,
      accessItems,
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/people`, {
        q: filters.q,
        organisation: filters.organisationId,
        region: filters.region,
        topic: filters.topicId,
        access: filters.access ?? '',
        openToContact: filters.openToContact ? 'yes' : '',
      }),
      canCreate: peoplePolicy.create(ctx.member),
      showAccess: isStaff(ctx.member.role),
    });
  });

  app.get('/new', async (request, reply) => {
    authorize(peoplePolicy.create(workspaceContext(request).member));
    return reply.page('people/views/form.njk', await formPage(request, { contactPreference: 'email', openToContact: true }, noErrors));
  });

  app.post('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(peoplePolicy.create(ctx.member));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, openToContact: body.openToContact === 'yes' };
    const parsed = personSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('people/views/form.njk', await formPage(request, values, formErrorsFrom(parsed.error)));
    try {
      const id = await savePerson(db, ctx, parsed.data);
      setFlash(reply, { kind: 'success', text: `Added ${parsed.data.fullName}.` });
      return reply.redirect(`/w/${ctx.workspace.slug}/people/${id}`);
    } catch (error) {
      if (!(error instanceof PersonRuleError)) throw error;
      return reply.status(400).page('people/views/form.njk', await formPage(request, values, fieldError(error.field, error.message)));
    }
  });

  app.get('/:id', async (request, reply) => {
    const ctx = workspaceContext(request);
    const profile = await personProfile(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!profile) throw new NotFoundError();
    const { person } = profile;
    return reply.page('people/views/show.njk', {
      title: person.fullName,
      ...profile,
      ...(await personProfilePanels.collect(db, ctx, person.id)),
      isSelf: ctx.member.personId === person.id,
      canEdit: peoplePolicy.edit(ctx.member, person),
      canDelete: peoplePolicy.delete(ctx.member, person),
      canInvite: peoplePolicy.invite(ctx.member) && !profile.membership,
      showAccess: isStaff(ctx.member.role),
      showContact: peoplePolicy.seeContactDetails(ctx.member, person),
      inviteRoleItems: rolesGrantableBy(ctx.member.role).map((value) => ({ value, text: roleLabels[value] })),
    });
  });

  app.get('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!person) throw new NotFoundError();
    authorize(peoplePolicy.edit(ctx.member, person));
    const topicIds = ((await topicsFor(db, ctx.workspace.id, [person.id])).get(person.id) ?? []).map((topic) => topic.id);
    return reply.page('people/views/form.njk', await formPage(request, { ...person, topicIds }, noErrors, person));
  });

  app.post('/:id/edit', async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, (request.params as { id: string }).id);
    if (!person) throw new NotFoundError();
    authorize(peoplePolicy.edit(ctx.member, person));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, openToContact: body.openToContact === 'yes' };
    const parsed = personSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('people/views/form.njk', await formPage(request, values, formErrorsFrom(parsed.error), person));
    try {
      await savePerson(db, ctx, parsed.data, person.id);
    } catch (error) {
      if (!(error instanceof PersonRuleError)) throw error;
      return reply.status(400).page('people/views/form.njk', await formPage(request, values, fieldError(error.field, error.message), person));
    }
    setFlash(reply, { kind: 'success', text: ctx.member.personId === person.id ? 'Your profile has been saved.' : `Saved ${parsed.data.fullName}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/people/${person.id}`);
  });

  app.post('/:id/delete', async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deletePerson(db, ctx, (request.params as { id: string }).id);
    setFlash(reply, { kind: 'success', text: `Deleted ${name}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/people`);
  });
};
