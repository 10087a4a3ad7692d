import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { optionalText, pickedRecord } from '../../core/http/fields.ts';
import { formBody, idParam, pathParams } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { findPerson } from '../people/queries.ts';
import { memberOptions } from '../people/queries.ts';
import { handOver, prepareHandover } from './hand-over.ts';
import { handoverPack } from './pack.ts';
import { handoverPolicy } from './policy.ts';
import { handovers } from './tables.ts';

const handoverParams = pathParams({ handoverId: idParam });
const personParams = pathParams({ personId: idParam });
const prepareSchema = z.object({ note: optionalText('the note', 4000) });
const successorSchema = z.object({ toPersonId: pickedRecord('Choose the successor from the list') });

/** Handover packs: what a person leaving a role holds, as a page and Word, and passing it to their successor. */
export const handoverRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post('/people/:personId/handover', { schema: { params: personParams, body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const person = await findPerson(db, ctx.workspace.id, request.params.personId);
    if (!person) throw new NotFoundError();
    return submitForm(reply, {
      schema: prepareSchema,
      body: request.body,
      redisplay: async () => reply.redirect(`/w/${ctx.workspace.slug}/people/${person.id}`),
      save: (input) => prepareHandover(db, ctx, person.id, input.note),
      done: (id) => ({
        to: `/w/${ctx.workspace.slug}/handovers/${id}`,
        flash: `The handover pack for ${person.fullName} is ready. Check it, then pass it to their successor.`,
      }),
    });
  });

  async function loadHandover(request: FastifyRequest, handoverId: string) {
    const ctx = workspaceContext(request);
    const [handover] = await db
      .select()
      .from(handovers)
      .where(and(eq(handovers.workspaceId, ctx.workspace.id), eq(handovers.id, handoverId)));
    if (!handover || !handoverPolicy.read(ctx.member, handover)) throw new NotFoundError();
    const [from, to] = await Promise.all([
      findPerson(db, ctx.workspace.id, handover.fromPersonId),
      handover.toPersonId ? findPerson(db, ctx.workspace.id, handover.toPersonId) : undefined,
    ]);
    return { ctx, handover, from: from!, to };
  }

  async function packPage(request: FastifyRequest, handoverId: string, values: Record<string, unknown>, errors: FormErrors) {
    const loaded = await loadHandover(request, handoverId);
    const canHandOver = handoverPolicy.handOver(loaded.ctx.member) && !loaded.handover.handedOverAt;
    return {
      ...loaded,
      title: `Handover: ${loaded.from.fullName}`,
      pack: await handoverPack(db, loaded.ctx.workspace.id, loaded.ctx.member, loaded.from.id),
      canHandOver,
      personItems: canHandOver ? (await memberOptions(db, loaded.ctx.workspace.id)).filter((p) => p.value !== loaded.from.id) : [],
      values,
      errors,
    };
  }

  app.get('/handovers/:handoverId', { schema: { params: handoverParams } }, async (request, reply) =>
    reply.page('handover/views/pack.njk', await packPage(request, request.params.handoverId, {}, noErrors)),
  );

  app.post('/handovers/:handoverId/successor', { schema: { params: handoverParams, body: formBody } }, async (request, reply) => {
    const { ctx, handover } = await loadHandover(request, request.params.handoverId);
    authorize(handoverPolicy.handOver(ctx.member), 'Only the workspace’s staff pass a handover to a successor.');
    return submitForm(reply, {
      schema: successorSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('handover/views/pack.njk', await packPage(request, handover.id, request.body, errors)),
      save: (input) => handOver(db, ctx, handover.id, input.toPersonId),
      done: (result) => ({
        to: `/w/${ctx.workspace.slug}/handovers/${handover.id}`,
        flash: `Handed over to ${result.to}: ${result.items} ${result.items === 1 ? 'item' : 'items'} taken over. They have been told.`,
      }),
    });
  });

  app.get('/handovers/:handoverId/pack.docx', { schema: { params: handoverParams } }, async (request, reply) => {
    const { ctx, handover, from, to } = await loadHandover(request, request.params.handoverId);
    const pack = await handoverPack(db, ctx.workspace.id, ctx.member, from.id);
    const { handoverDocx } = await import('./handover-docx.ts');
    const file = await handoverDocx(pack, {
      from: from.fullName,
      to: to?.fullName ?? null,
      note: handover.note,
      workspace: ctx.workspace.name,
      createdAt: handover.createdAt,
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="handover-${from.fullName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.docx"`)
      .send(file);
  });
};
