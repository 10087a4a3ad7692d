import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pathParams } from '../../core/http/route-schemas.ts';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { workspaces } from '../../core/db/tables.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { calendarFeed } from './calendar.ts';
import { sessionsOf } from './queries.ts';
import { programmes } from './tables.ts';

/**
 * The iCalendar feed calendar apps subscribe to. Calendar apps cannot sign in,
 * so the address holds a long random token instead; it shows the session
 * times, places and speakers, never feedback or notes.
 */
/** `<token>.ics`; anything else is a calendar that does not exist. */
const feedParams = pathParams({ file: z.string().regex(/^[A-Za-z0-9_-]{20,60}\.ics$/) });

export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  app.get('/calendars/:file', { schema: { params: feedParams }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = request.params.file.slice(0, -'.ics'.length);
    const [found] = await db
      .select({ id: programmes.id, name: programmes.name, workspaceId: programmes.workspaceId, slug: workspaces.slug })
      .from(programmes)
      .innerJoin(workspaces, eq(workspaces.id, programmes.workspaceId))
      .where(eq(programmes.calendarToken, token));
    if (!found) throw new NotFoundError();
    const sessions = await sessionsOf(db, found.workspaceId, found.id);
    const body = calendarFeed(found, sessions, `${config.publicUrl}/w/${found.slug}/programmes/${found.id}`);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="programme.ics"`)
      .header('cache-control', 'private, max-age=300')
      .send(body);
  });
};
