import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { londonParts } from '../../../core/dates.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { renderMarkdown } from '../../../core/views/markdown.ts';
import { markSubjectRead } from '../../notifications/mark-read.ts';
import { speakerOptions } from '../../programmes/queries.ts';
import { loadCommunity, loadModeratedCommunity, type CommunityRequest } from '../load.ts';
import { communityPolicy } from '../policy.ts';
import { communityParams } from '../schemas.ts';
import { cancelEvent } from './cancel-event.ts';
import { eventCalendar, organiserFrom, sendInvitations, type Invitations } from './invitations.ts';
import { eventsOf, findEvent, registrantsOf, speakersOf, type CommunityEvent } from './queries.ts';
import { recordEventNotes } from './record-event-notes.ts';
import { cancelRegistration, registerForEvent } from './register-for-event.ts';
import { saveEvent } from './save-event.ts';
import { eventSubject } from './event-notifications.ts';
import { eventNotesSchema, eventParams, eventSchema } from './schemas.ts';

const registrationBody = z.looseObject({ action: z.enum(['register', 'cancel']).catch('register') });

/** A community's events and webinars: the list, each event with its places and waiting list, and its notes afterwards. */
export const communityEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer, config } = app.deps;

  /** Send the invitations an operation handed back, once its transaction has committed. */
  async function send(loaded: CommunityRequest, all: Invitations[]) {
    const context = {
      workspaceId: loaded.ctx.workspace.id,
      workspaceSlug: loaded.ctx.workspace.slug,
      publicUrl: config.publicUrl,
      organiser: organiserFrom(config.mailFrom),
    };
    for (const invitations of all) await sendInvitations(mailer, context, invitations);
  }

  async function loadEvent(loaded: CommunityRequest, eventId: string): Promise<CommunityEvent> {
    const event = await findEvent(db, loaded.ctx.workspace.id, loaded.community.id, eventId);
    if (!event) throw new NotFoundError();
    return event;
  }

  app.get('/:communityId/events', { schema: { params: communityParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const events = await eventsOf(db, loaded.ctx.workspace.id, loaded.community.id, loaded.ctx.member.personId);
    const now = new Date();
    return reply.page('communities/events/views/list.njk', {
      ...loaded,
      title: `Events – ${loaded.community.name}`,
      upcoming: events.filter((e) => e.endsAt > now),
      past: events.filter((e) => e.endsAt <= now).reverse(),
      canManage: communityPolicy.manageEvents(loaded.access),
      feedUrl: `${config.publicUrl}/calendars/communities/${loaded.community.calendarToken}.ics`,
    });
  });

  async function formPage(loaded: CommunityRequest, event: CommunityEvent | undefined, values: Record<string, unknown>, errors: FormErrors) {
    return {
      ...loaded,
      title: event ? `Change “${event.title}”` : 'Plan an event',
      event,
      speakerItems: await speakerOptions(db, loaded.ctx.workspace.id),
      values,
      errors,
    };
  }

  app.get('/:communityId/events/new', { schema: { params: communityParams } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    return reply.page('communities/events/views/form.njk', await formPage(loaded, undefined, { speakerIds: [] }, noErrors));
  });

  app.post('/:communityId/events', { schema: { params: communityParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    return submitForm(reply, {
      schema: eventSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/events/views/form.njk', await formPage(loaded, undefined, request.body, errors)),
      save: async (input) => (await saveEvent(db, loaded.ctx, loaded.community, loaded.access, input)).id,
      done: (id, input) => ({ to: `${loaded.base}/events/${id}`, flash: `“${input.title}” is planned. The community’s members have been told.` }),
    });
  });

  app.get('/:communityId/events/:eventId', { schema: { params: eventParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    const workspaceId = loaded.ctx.workspace.id;
    const canManage = communityPolicy.manageEvents(loaded.access);
    const [speakers, registrants] = await Promise.all([speakersOf(db, workspaceId, event.id), registrantsOf(db, workspaceId, event.id)]);
    const mine = registrants.find((r) => r.personId === loaded.ctx.member.personId);
    const holding = registrants.filter((r) => r.status === 'registered');
    const waiting = registrants.filter((r) => r.status === 'waiting');
    const now = new Date();
    if (loaded.ctx.member.personId && request.bell?.unread) {
      const read = await markSubjectRead(db, loaded.ctx, eventSubject(event.id));
      if (request.bell) request.bell.unread = Math.max(0, request.bell.unread - read);
    }
    return reply.page('communities/events/views/event.njk', {
      ...loaded,
      title: `${event.title} – ${loaded.community.name}`,
      event,
      descriptionHtml: renderMarkdown(event.description),
      agendaHtml: renderMarkdown(event.agenda),
      notesHtml: renderMarkdown(event.notes),
      actionsHtml: renderMarkdown(event.actions),
      speakers,
      registered: holding.length,
      waitingCount: waiting.length,
      placesLeft: event.capacity === null ? null : Math.max(0, event.capacity - holding.length),
      mine: mine?.status ?? null,
      position: mine?.status === 'waiting' ? waiting.findIndex((r) => r.personId === mine.personId) + 1 : null,
      // The joining link is for people with a place (and those running it), so an open webinar does not fill with strangers.
      showLink: mine?.status === 'registered' || canManage,
      finished: event.endsAt <= now,
      started: event.startsAt <= now,
      canRegister: communityPolicy.register(loaded.access),
      canManage,
      registrants: canManage ? registrants : [],
    });
  });

  app.get('/:communityId/events/:eventId/event.ics', { schema: { params: eventParams } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    const pageUrl = `${config.publicUrl}${loaded.base}/events/${event.id}`;
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="event.ics"')
      .send(eventCalendar(event, { method: 'PUBLISH', pageUrl, organiser: organiserFrom(config.mailFrom) }));
  });

  app.get('/:communityId/events/:eventId/edit', { schema: { params: eventParams } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    const start = londonParts(event.startsAt);
    const speakers = await speakersOf(db, loaded.ctx.workspace.id, event.id);
    const values = {
      ...event,
      capacity: event.capacity === null ? '' : String(event.capacity),
      date: start.date,
      startTime: start.time,
      endTime: londonParts(event.endsAt).time,
      speakerIds: speakers.map((s) => s.personId),
    };
    return reply.page('communities/events/views/form.njk', await formPage(loaded, event, values, noErrors));
  });

  app.post('/:communityId/events/:eventId/edit', { schema: { params: eventParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    return submitForm(reply, {
      schema: eventSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/events/views/form.njk', await formPage(loaded, event, request.body, errors)),
      save: async (input) => {
        const saved = await saveEvent(db, loaded.ctx, loaded.community, loaded.access, input, event.id);
        await send(loaded, saved.invitations);
        return saved.invitations.find((i) => i.reason === 'changed')?.people.length ?? 0;
      },
      done: (told) => ({
        to: `${loaded.base}/events/${event.id}`,
        flash: told
          ? `The event is changed, and ${told === 1 ? 'the person' : `the ${told} people`} with a place ${told === 1 ? 'has' : 'have'} been sent the new details.`
          : 'The event is changed.',
      }),
    });
  });

  app.post('/:communityId/events/:eventId/registration', { schema: { params: eventParams, body: registrationBody } }, async (request, reply) => {
    const loaded = await loadCommunity(request, request.params.communityId);
    const back = `${loaded.base}/events/${request.params.eventId}`;
    if (request.body.action === 'cancel')
      return submitAction(reply, {
        back,
        run: async () => send(loaded, await cancelRegistration(db, loaded.ctx, loaded.community, loaded.access, request.params.eventId)),
        done: () => ({ flash: 'You no longer have a place. If someone was waiting, it is theirs now.' }),
      });
    return submitAction(reply, {
      back,
      run: async () => {
        const result = await registerForEvent(db, loaded.ctx, loaded.community, loaded.access, request.params.eventId);
        await send(loaded, result.invitations);
        return result;
      },
      done: (result) => ({
        flash:
          result.status === 'registered'
            ? 'You have a place. We have e-mailed you an invitation for your calendar.'
            : `The event is full, so you are on the waiting list (number ${result.position}). If a place comes free, it is yours and we will tell you.`,
      }),
    });
  });

  app.post('/:communityId/events/:eventId/cancel', { schema: { params: eventParams } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const back = `${loaded.base}/events/${request.params.eventId}`;
    return submitAction(reply, {
      back,
      run: async () => send(loaded, await cancelEvent(db, loaded.ctx, loaded.community, loaded.access, request.params.eventId)),
      done: () => ({ flash: 'The event is cancelled. Everyone with a place or on the waiting list has been told.' }),
    });
  });

  function notesPage(loaded: CommunityRequest, event: CommunityEvent, values: Record<string, unknown>, errors: FormErrors) {
    return { ...loaded, title: `Notes from “${event.title}”`, event, values, errors };
  }

  app.get('/:communityId/events/:eventId/notes', { schema: { params: eventParams } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    const values = { notes: event.notes, recordingLink: event.recordingLink, actions: event.actions };
    return reply.page('communities/events/views/notes-form.njk', notesPage(loaded, event, values, noErrors));
  });

  app.post('/:communityId/events/:eventId/notes', { schema: { params: eventParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadModeratedCommunity(request, request.params.communityId);
    const event = await loadEvent(loaded, request.params.eventId);
    return submitForm(reply, {
      schema: eventNotesSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('communities/events/views/notes-form.njk', notesPage(loaded, event, request.body, errors)),
      save: (input) => recordEventNotes(db, loaded.ctx, loaded.community, loaded.access, event.id, input),
      done: ({ threadId }) => ({
        to: `${loaded.base}/threads/${threadId}`,
        flash: 'The notes are shared as a thread, and everyone who had a place follows it.',
      }),
    });
  });
};
