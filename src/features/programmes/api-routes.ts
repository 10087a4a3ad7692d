import { and, eq, exists, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import type { Db } from '../../core/db/client.ts';
import type { Member } from '../../core/http/context.ts';
import { programmePolicy } from './policy.ts';
import { findProgrammeFor } from './queries.ts';
import { cohortMembers, programmeKinds, programmes } from './tables.ts';

const programmeResource = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(programmeKinds),
  summary: z.string(),
  aims: z.string(),
  startsOn: z.string().describe('YYYY-MM-DD'),
  endsOn: z.string().describe('YYYY-MM-DD'),
  updatedAt: z.string(),
});

// The calendar feed's secret stays out: it lets anyone with it read the programme's sessions.
const asResource = (row: typeof programmes.$inferSelect) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  summary: row.summary,
  aims: row.aims,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  updatedAt: isoDate(row.updatedAt)!,
});

/** The programmes a member may see, as the programmes page lists them: all for staff, their own cohorts' for others. */
function visibleTo(db: Db, member: Member): SQL | undefined {
  if (programmePolicy.seeAll(member)) return undefined;
  return exists(
    db
      .select({ one: cohortMembers.id })
      .from(cohortMembers)
      .where(
        and(eq(cohortMembers.workspaceId, programmes.workspaceId), eq(cohortMembers.programmeId, programmes.id), eq(cohortMembers.personId, member.personId)),
      ),
  );
}

export const programmesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Programmes'];

  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary: 'List programmes',
        description: 'Every programme for the workspace’s staff; for others, the programmes whose cohort they are in.',
        querystring: listQuery,
        response: { 200: listOf(programmeResource), ...commonProblems },
      },
    },
    async (request) => {
      const { workspace, member } = workspaceContext(request);
      const page = await pageById(db, programmes, workspace.id, request.query, visibleTo(db, member));
      return { data: page.data.map(asResource), next: page.next };
    },
  );

  app.get(
    '/programmes/:id',
    { schema: { tags, summary: 'Get a programme', params: idParams, response: { 200: programmeResource, ...commonProblems } } },
    async (request) => {
      const { workspace, member } = workspaceContext(request);
      const found = await findProgrammeFor(db, workspace.id, request.params.id, member);
      if (!found || !programmePolicy.view(found.access)) throw new NotFoundError('There is no such programme in this workspace.');
      return asResource(found.programme);
    },
  );
};
