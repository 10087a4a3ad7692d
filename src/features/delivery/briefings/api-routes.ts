import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf } from '../../../core/http/api.ts';
import { idParam, pathParams } from '../../../core/http/route-schemas.ts';
import { loadDelivery } from '../load.ts';
import { roundsOf } from '../rounds/queries.ts';
import { briefingStatuses } from './tables.ts';
import { briefingsOf } from './queries.ts';

const programmeParams = pathParams({ id: idParam });

const briefingResource = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundNumber: z.number().int(),
  roundTitle: z.string(),
  status: z.enum(briefingStatuses).describe('Drafts are seen by the programme team only'),
  headline: z.string(),
  progress: z.string().describe('Progress and RAG changes'),
  themes: z.string().describe('Top themes'),
  risks: z.string().describe('Risks and support requested'),
  goodPractice: z.string().describe('Good practice worth spreading'),
  sharedAt: z.string().nullable(),
  updatedAt: z.string(),
});

/** The checkpoint briefings of a delivery programme, as its Briefings page lists them. */
export const briefingsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/programmes/:id/briefings',
    {
      schema: {
        tags: ['Delivery'],
        summary: 'List a delivery programme’s checkpoint briefings',
        description:
          'One briefing per round, latest round first: shared ones to everyone in the programme, drafts too to those running it. All in one page. The Word version is on the briefing’s page.',
        params: programmeParams,
        response: { 200: listOf(briefingResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const workspaceId = delivery.ctx.workspace.id;
      const [rounds, briefings] = await Promise.all([roundsOf(db, workspaceId, delivery.programme.id), briefingsOf(db, workspaceId, delivery.programme.id)]);
      const roundOf = new Map(rounds.map((round) => [round.id, round]));
      const listed = briefings
        .filter((briefing) => delivery.canManage || briefing.status === 'shared')
        .flatMap((briefing) => {
          const round = roundOf.get(briefing.roundId);
          return round ? [{ briefing, round }] : [];
        })
        .sort((a, b) => b.round.number - a.round.number);
      return {
        data: listed.map(({ briefing, round }) => ({
          id: briefing.id,
          roundId: round.id,
          roundNumber: round.number,
          roundTitle: round.title,
          status: briefing.status,
          headline: briefing.headline,
          progress: briefing.progress,
          themes: briefing.themes,
          risks: briefing.risks,
          goodPractice: briefing.goodPractice,
          sharedAt: isoDate(briefing.sharedAt),
          updatedAt: isoDate(briefing.updatedAt)!,
        })),
        next: null,
      };
    },
  );
};
