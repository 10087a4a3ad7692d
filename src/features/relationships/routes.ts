import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addDays, londonToday } from '../../core/dates.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { introductionOutcomeLabels, perspectiveLabels, relationshipKindLabels } from '../../core/views/labels.ts';
import { personProfilePanels } from '../people/profile-panels.ts';
import { findPerson } from '../people/queries.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { perspectives, type Perspective } from '../people/tables.ts';
import { findProgramme, listProgrammes } from '../programmes/queries.ts';
import { communitiesFor, findCommunity } from '../communities/queries.ts';
import { introducePeople, recordIntroductionOutcome } from './introduce.ts';
import { networkView } from './network-page.ts';
import { relationshipPolicy } from './policy.ts';
import { communityPeopleIds, programmePeopleIds, recordedTiesOf } from './queries.ts';
import { introductionsList, personOptions } from './queries-introductions.ts';
import { recordTie, removeTie } from './record-tie.ts';
import {
  communityNetworkParams,
  introductionParams,
  introductionSchema,
  networkQuery,
  newIntroductionQuery,
  newTieQuery,
  outcomeSchema,
  programmeNetworkParams,
  tieParams,
  tieSchema,
} from './schemas.ts';
import { introductionOutcomes, relationshipKinds } from './tables.ts';
import { z } from 'zod';

const perspectiveItems = perspectives.map((value) => ({ value, text: perspectiveLabels[value] }));
const kindItems = relationshipKinds.map((value) => ({ value, text: relationshipKindLabels[value] }));
const outcomeItems = introductionOutcomes.map((value) => ({ value, text: introductionOutcomeLabels[value] }));
const backBody = z.looseObject({ back: z.string().max(300).optional() });

/** A path inside this workspace to return to, or the fallback: never somewhere else. */
const backTo = (base: string, back: unknown, fallback: string) =>
  typeof back === 'string' && back.startsWith(`${base}/`) && !back.includes('//') ? back : fallback;

/** The relationship map (for a programme or a community), ties recorded by hand, and introductions. */
export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  personProfilePanels.add('relationships', async (db, ctx, personId) =>
    relationshipPolicy.view(ctx.member) ? { relationships: { ties: await recordedTiesOf(db, ctx.workspace.id, personId), personId } } : {},
  );

  const staffOnly = (request: FastifyRequest) => {
    const ctx = workspaceContext(request);
    authorize(relationshipPolicy.view(ctx.member), 'Only facilitators and administrators see who knows whom.');
    return ctx;
  };

  app.get('/', async (request, reply) => {
    const ctx = staffOnly(request);
    const [programmes, communities] = await Promise.all([listProgrammes(db, ctx.workspace.id, ctx.member), communitiesFor(db, ctx.workspace.id, ctx.member)]);
    return reply.page('relationships/views/index.njk', { title: 'Who knows whom', programmes, communities });
  });

  /** A programme's or a community's map: the same page, with what "the start" and "the people" mean for each. */
  async function networkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    chosen: Perspective[],
    scope: { name: string; href: string; words: string; people: string[]; startsOn: string; until: string },
  ) {
    const ctx = staffOnly(request);
    const view = await networkView(db, ctx.workspace.id, { people: scope.people, startsOn: scope.startsOn, until: scope.until }, chosen);
    return reply.page('relationships/views/network.njk', {
      title: `Who knows whom – ${scope.name}`,
      scopeName: scope.name,
      scopeHref: scope.href,
      scopeWords: scope.words,
      view,
      chosen,
      perspectiveItems,
    });
  }

  app.get('/programmes/:programmeId', { schema: { params: programmeNetworkParams, querystring: networkQuery } }, async (request, reply) => {
    const ctx = staffOnly(request);
    const programme = await findProgramme(db, ctx.workspace.id, request.params.programmeId);
    if (!programme) throw new NotFoundError();
    return networkPage(request, reply, request.query.perspective, {
      name: programme.name,
      href: `/programmes/${programme.id}`,
      words: 'the programme’s cohort and speakers',
      people: await programmePeopleIds(db, ctx.workspace.id, programme.id),
      startsOn: programme.startsOn,
      until: programme.endsOn,
    });
  });

  app.get('/communities/:communityId', { schema: { params: communityNetworkParams, querystring: networkQuery } }, async (request, reply) => {
    const ctx = staffOnly(request);
    const community = await findCommunity(db, ctx.workspace.id, request.params.communityId);
    if (!community) throw new NotFoundError();
    return networkPage(request, reply, request.query.perspective, {
      name: community.name,
      href: `/communities/${community.id}`,
      words: 'the community’s members',
      people: await communityPeopleIds(db, ctx.workspace.id, community.id),
      // The day it started, in London (not in UTC, which is a day behind just after midnight in summer).
      startsOn: londonToday(community.createdAt),
      until: londonToday(),
    });
  });

  async function tiePage(request: FastifyRequest, personId: string, values: Record<string, unknown>, errors: FormErrors) {
    const ctx = staffOnly(request);
    const person = await findPerson(db, ctx.workspace.id, personId);
    if (!person) throw new NotFoundError();
    const people = (await personOptions(db, ctx.workspace.id)).filter((p) => p.value !== person.id);
    return { title: `Record a relationship – ${person.fullName}`, person, people, kindItems, values: { occurredOn: londonToday(), ...values }, errors };
  }

  app.get('/ties/new', { schema: { querystring: newTieQuery } }, async (request, reply) =>
    reply.page('relationships/views/tie-form.njk', await tiePage(request, request.query.person, {}, noErrors)),
  );

  app.post('/ties', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = staffOnly(request);
    const personId = typeof request.body.personId === 'string' && isUuid(request.body.personId) ? request.body.personId : '';
    return submitForm(reply, {
      schema: tieSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('relationships/views/tie-form.njk', await tiePage(request, personId, request.body, errors)),
      save: (input) => recordTie(db, ctx, input),
      done: (_, input) => ({ to: `/w/${ctx.workspace.slug}/people/${input.personId}#relationships`, flash: 'The relationship is recorded.' }),
    });
  });

  app.post('/ties/:tieId/delete', { schema: { params: tieParams, body: backBody } }, async (request, reply) => {
    const ctx = staffOnly(request);
    const base = `/w/${ctx.workspace.slug}`;
    const back = backTo(base, request.body.back, `${base}/network`);
    return submitAction(reply, { back, run: () => removeTie(db, ctx, request.params.tieId), done: () => ({ to: `${back}#relationships`, flash: 'Removed.' }) });
  });
};

/** Introductions: who was introduced to whom, and whether they met. */
export const introductionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer } = app.deps;

  const staffOnly = (request: FastifyRequest) => {
    const ctx = workspaceContext(request);
    authorize(relationshipPolicy.introduce(ctx.member), 'Only facilitators and administrators make introductions.');
    return ctx;
  };

  async function listPage(request: FastifyRequest, values: Record<string, unknown>, errors: FormErrors, chosen: string[] = []) {
    const ctx = staffOnly(request);
    const [introductions, personItems] = await Promise.all([introductionsList(db, ctx.workspace.id), personOptions(db, ctx.workspace.id, { withEmail: true })]);
    return {
      title: 'Introductions',
      introductions,
      personItems,
      outcomeItems,
      values: { personIds: chosen, followUpOn: addDays(londonToday(), 21), ...values },
      errors,
      mailDelivers: mailer.delivers,
    };
  }

  app.get('/', { schema: { querystring: newIntroductionQuery } }, async (request, reply) =>
    reply.page('relationships/views/introductions.njk', await listPage(request, {}, noErrors, request.query.people)),
  );

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = staffOnly(request);
    return submitForm(reply, {
      schema: introductionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('relationships/views/introductions.njk', await listPage(request, request.body, errors)),
      save: (input) => introducePeople(db, ctx, { mailer }, input),
      done: (made) => ({
        to: `/w/${ctx.workspace.slug}/introductions`,
        flash:
          made.delivery === 'sent'
            ? `Introduced ${made.names}: the e-mail has gone to all of them and to you.`
            : `Introduced ${made.names}. The e-mail is waiting in the outbox, as this server has no mail server yet.`,
      }),
    });
  });

  app.post('/:introductionId/outcome', { schema: { params: introductionParams, body: formBody } }, async (request, reply) => {
    const ctx = staffOnly(request);
    return submitForm(reply, {
      schema: outcomeSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('relationships/views/introductions.njk', await listPage(request, { outcomeFor: request.params.introductionId }, errors)),
      save: (input) => recordIntroductionOutcome(db, ctx, request.params.introductionId, input),
      done: (_, input) => ({
        to: `/w/${ctx.workspace.slug}/introductions`,
        flash: input.outcome === 'met' ? 'Recorded: they met. The meeting is now part of the relationship map.' : 'Follow-up recorded.',
      }),
    });
  });
};
