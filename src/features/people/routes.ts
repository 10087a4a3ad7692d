import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isStaff, roles, rolesGrantableBy } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { pageFrom, paginationView } from '../../core/http/pagination.ts';
import { formBody, idParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { contactPreferenceLabels, perspectiveLabels, regions, roleLabels } from '../../core/views/labels.ts';
import { organisationOptions } from '../organisations/queries.ts';
import { topicOptions } from '../topics/queries.ts';
import { deletePerson } from './delete-person.ts';
import { perspectiveOf } from './perspective.ts';
import { peoplePolicy } from './policy.ts';
import { personProfilePanels } from './profile-panels.ts';
import { findPerson, listPeople, personProfile, topicsFor } from './queries.ts';
import { savePerson } from './save-person.ts';
import { peopleQuery, personSchema } from './schemas.ts';
import { contactPreferences, perspectives } from './tables.ts';

const regionItems = regions.map((value) => ({ value, text: value }));
const perspectiveItems = perspectives.map((value) => ({ value, text: perspectiveLabels[value] }));
const contactItems = contactPreferences.map((value) => ({ value, text: contactPreferenceLabels[value] }));
const accessItems = [...roles.map((value) => ({ value, text: roleLabels[value] })), { value: 'none', text: 'No account' }];

/** A form's checkbox arrives only when ticked. */
const typedValues = (body: Record<string, unknown>) => ({ ...body, openToContact: body.openToContact === 'yes' });

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
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
      perspectiveItems,
    };
  }

  app.get('/', { schema: { querystring: peopleQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { q, organisation, region, topic, access, openToContact } = request.query;
    const filters = { q, organisationId: organisation, region: region ?? '', topicId: topic, access, openToContact };
    const page = pageFrom(request.query.page);
    const [{ rows, total }, organisationItems, topicItems] = await Promise.all([
      listPeople(db, ctx.workspace.id, filters, page),
      organisationOptions(db, ctx.workspace.id),
      topicOptions(db, ctx.workspace.id),
    ]);
    return reply.page('people/views/list.njk', {
      title: 'People',
      people: rows,
      filters: { ...filters, access: access ?? '' },
      organisationItems,
      topicItems,
      regionItems,
      accessItems,
      pagination: paginationView(page, total, `/w/${ctx.workspace.slug}/people`, {
        q,
        organisation,
        region: region ?? '',
        topic,
        access: access ?? '',
        openToContact: openToContact ? 'yes' : '',
      }),
      canCreate: peoplePolicy.create(ctx.member),
      showAccess: isStaff(ctx.member.role),
    });
  });

  app.get('/new', async (request, reply) => {
    authorize(peoplePolicy.create(workspaceContext(request).member));
    return reply.page('people/views/form.njk', await formPage(request, { contactPreference: 'email', openToContact: true }, noErrors));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(peoplePolicy.create(ctx.member));
    return submitForm(reply, {
      schema: personSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('people/views/form.njk', await formPage(request, typedValues(request.body), errors)),
      save: (input) => savePerson(db, ctx, input),
      done: (id, input) => ({ to: `/w/${ctx.workspace.slug}/people/${id}`, flash: `Added ${input.fullName}.` }),
    });
  });

  app.get('/:id', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const profile = await personProfile(db, ctx.workspace.id, request.params.id);
    if (!profile) throw new NotFoundError();
    const { person } = profile;
    return reply.page('people/views/show.njk', {
      title: person.fullName,
      ...profile,
      ...(await personProfilePanels.collect(db, ctx, person.id)),
      perspective: perspectiveOf(person.perspective, profile.organisation?.kind),
      isSelf: ctx.member.personId === person.id,
      canEdit: peoplePolicy.edit(ctx.member, person),
      canDelete: peoplePolicy.delete(ctx.member, person),
      canInvite: peoplePolicy.invite(ctx.member) && !profile.membership,
      showAccess: isStaff(ctx.member.role),
      showContact: peoplePolicy.seeContactDetails(ctx.member, person),
      inviteRoleItems: rolesGrantableBy(ctx.member.role).map((value) => ({ value, text: roleLabels[value] })),
    });
  });

  app.get('/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, request.params.id);
    if (!person) throw new NotFoundError();
    authorize(peoplePolicy.edit(ctx.member, person));
    const topicIds = ((await topicsFor(db, ctx.workspace.id, [person.id])).get(person.id) ?? []).map((topic) => topic.id);
    return reply.page('people/views/form.njk', await formPage(request, { ...person, topicIds }, noErrors, person));
  });

  app.post('/:id/edit', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, request.params.id);
    if (!person) throw new NotFoundError();
    authorize(peoplePolicy.edit(ctx.member, person));
    return submitForm(reply, {
      schema: personSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('people/views/form.njk', await formPage(request, typedValues(request.body), errors, person)),
      save: (input) => savePerson(db, ctx, input, person.id),
      done: (_id, input) => ({
        to: `/w/${ctx.workspace.slug}/people/${person.id}`,
        flash: ctx.member.personId === person.id ? 'Your profile has been saved.' : `Saved ${input.fullName}.`,
      }),
    });
  });

  app.post('/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const name = await deletePerson(db, ctx, request.params.id);
    setFlash(reply, { kind: 'success', text: `Deleted ${name}.` });
    return reply.redirect(`/w/${ctx.workspace.slug}/people`);
  });
};
