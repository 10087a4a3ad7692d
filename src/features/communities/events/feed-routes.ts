import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaces } from '../../../core/db/tables.ts';
import { NotFoundError } from '../../../core/http/errors.ts';
import { pathParams } from '../../../core/http/route-schemas.ts';
import { communities } from '../tables.ts';
import { eventsFeed } from './invitations.ts';
import { communityEvents } from './tables.ts';

/** `<token>.ics`; anything else is a calendar that does not exist. */
const feedParams = pathParams({ file: z.string().regex(/^[a-f0-9]{64}\.ics$/) });

/**
 * A community's events as a calendar feed. Calendar apps cannot sign in, so
 * the address holds a long random token instead; it carries titles, times and
 * places, never joining links or who is coming.
 */
export const communityFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  app.get(
    '/calendars/communities/:file',
    { schema: { params: feedParams }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const token = request.params.file.slice(0, -'.ics'.length);
      const [community] = await db
        .select({ id: communities.id, name: communities.name, workspaceId: communities.workspaceId, slug: workspaces.slug })
        .from(communities)
        .innerJoin(workspaces, eq(workspaces.id, communities.workspaceId))
        .where(eq(communities.calendarToken, token));
      if (!community) throw new NotFoundError();
      const events = await db
        .select()
        .from(communityEvents)
        .where(and(eq(communityEvents.workspaceId, community.workspaceId), eq(communityEvents.communityId, community.id)))
        .orderBy(asc(communityEvents.startsAt));
      const base = `${config.publicUrl}/w/${community.slug}/communities/${community.id}/events`;
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="events.ics"')
        .header('cache-control', 'private, max-age=300')
        .send(eventsFeed(community, events, (event) => `${base}/${event.id}`));
    },
  );
};
