import type { FastifyPluginAsync } from 'fastify';
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
export const calendarFeedRoutes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  app.get('/calendars/:file', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const match = /^([A-Za-z0-9_-]{20,60})\.ics$/.exec((request.params as { file: string }).file);
    if (!match) throw new NotFoundError();
    const [found] = await db
      .select({ id: programmes.id, name: programmes.name, workspaceId: programmes.workspaceId, slug: workspaces.slug })
      .from(programmes)
      .innerJoin(workspaces, eq(workspaces.id, programmes.workspaceId))
      .where(eq(programmes.calendarToken, match[1]));
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
