import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { regions } from '../../core/views/labels.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Member } from '../../core/http/context.ts';
import { peoplePolicy } from './policy.ts';
import { findPerson, topicsFor } from './queries.ts';
import { savePerson } from './save-person.ts';
import { personSchema } from './schemas.ts';
import { contactPreferences, people, perspectives } from './tables.ts';

const personResource = z.object({
  id: z.uuid(),
  fullName: z.string(),
  jobTitle: z.string(),
  organisationId: z.uuid().nullable(),
  region: z.string(),
  bio: z.string(),
  perspective: z.enum(perspectives).nullable(),
  contactPreference: z.enum(contactPreferences),
  openToContact: z.boolean(),
  email: z.string().nullable().describe('Shown to staff, to the person, and to everyone when they are open to contact; otherwise null.'),
  phone: z.string().nullable().describe('As email.'),
  topics: z.array(z.object({ id: z.uuid(), name: z.string() })),
  updatedAt: z.string(),
});

/** A person as the API gives them: contact details only to those the profile page shows them to. */
async function peopleResources(db: Executor, workspaceId: string, member: Member, rows: Array<typeof people.$inferSelect>) {
  const topics = await topicsFor(
    db,
    workspaceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const contact = peoplePolicy.seeContactDetails(member, row);
    return {
      id: row.id,
      fullName: row.fullName,
      jobTitle: row.jobTitle,
      organisationId: row.organisationId,
      region: row.region,
      bio: row.bio,
      perspective: row.perspective,
      contactPreference: row.contactPreference,
      openToContact: row.openToContact,
      email: contact ? row.email : null,
      phone: contact ? row.phone : null,
      topics: topics.get(row.id) ?? [],
      updatedAt: isoDate(row.updatedAt)!,
    };
  });
}

/** The body to create or replace a person: the profile form's fields, as JSON. */
const personBody = z.object({
  fullName: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  jobTitle: z.string().optional(),
  organisationId: z.uuid().nullable().optional(),
  region: z.union([z.literal(''), z.enum(regions)]).optional(),
  bio: z.string().optional(),
  perspective: z.enum(perspectives).nullable().optional(),
  contactPreference: z.enum(contactPreferences).optional(),
  openToContact: z.boolean().optional(),
  topicIds: z.array(z.uuid()).max(50).optional(),
});

/** Fill what the API may leave out as the form's defaults, then check it with the form's own rules. */
function personInput(body: z.infer<typeof personBody>) {
  return personSchema.parse({ contactPreference: 'email', openToContact: false, topicIds: [], ...body });
}

export const peopleApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['People'];

  app.get(
    '/people',
    { schema: { tags, summary: 'List people', querystring: listQuery, response: { 200: listOf(personResource), ...commonProblems } } },
    async (request) => {
      const ctx = workspaceContext(request);
      const page = await pageById(db, people, ctx.workspace.id, request.query);
      return { data: await peopleResources(db, ctx.workspace.id, ctx.member, page.data), next: page.next };
    },
  );

  const onePerson = async (workspaceId: string, member: Member, id: string) => {
    const person = await findPerson(db, workspaceId, id);
    if (!person) throw new NotFoundError('There is no such person in this workspace.');
    return (await peopleResources(db, workspaceId, member, [person]))[0];
  };

  app.get(
    '/people/:id',
    { schema: { tags, summary: 'Get a person', params: idParams, response: { 200: personResource, ...commonProblems } } },
    async (request) => {
      const ctx = workspaceContext(request);
      return onePerson(ctx.workspace.id, ctx.member, request.params.id);
    },
  );

  app.post(
    '/people',
    { schema: { tags, summary: 'Add a person', body: personBody, response: { 201: personResource, ...commonProblems, 409: commonProblems[400] } } },
    async (request, reply) => {
      const ctx = workspaceContext(request);
      const id = await savePerson(db, ctx, personInput(request.body));
      return reply
        .code(201)
        .header('location', `/api/v1/people/${id}`)
        .send(await onePerson(ctx.workspace.id, ctx.member, id));
    },
  );

  app.put(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Replace a person’s profile',
        params: idParams,
        body: personBody,
        response: { 200: personResource, ...commonProblems, 409: commonProblems[400] },
      },
    },
    async (request) => {
      const ctx = workspaceContext(request);
      const id = await savePerson(db, ctx, personInput(request.body), request.params.id);
      return onePerson(ctx.workspace.id, ctx.member, id);
    },
  );
};
