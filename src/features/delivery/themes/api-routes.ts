import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { commonProblems, isoDate, listOf } from '../../../core/http/api.ts';
import { ForbiddenError } from '../../../core/http/errors.ts';
import { idParam, pathParams } from '../../../core/http/route-schemas.ts';
import { loadDelivery } from '../load.ts';
import { codebook, responsesOf, themeCounts } from './queries.ts';

const programmeParams = pathParams({ id: idParam });

const themeResource = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  answersCoded: z.number().int().describe('Answers in returns coded with this theme, all rounds'),
  byRound: z.array(z.object({ round: z.number().int(), answers: z.number().int() })).describe('Answers coded, by round number; rounds with none are left out'),
  byHub: z.array(z.object({ hub: z.string(), answers: z.number().int() })).describe('Answers coded, by the hub of the site that gave them'),
});

const responseResource = z.object({
  id: z.uuid(),
  themeId: z.uuid(),
  theme: z.string(),
  response: z.string().describe('What the department said or did about the theme'),
  respondedBy: z.string().nullable(),
  createdAt: z.string(),
});

/** The codebook of a delivery programme and the department's responses, to those who read them on the Themes page. */
export const themesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Delivery'];
  const readers = async (request: FastifyRequest, programmeId: string) => {
    const delivery = await loadDelivery(request, programmeId);
    if (!delivery.canSeeDashboard) throw new ForbiddenError('Themes are read by the programme team and the department.');
    return delivery;
  };

  app.get(
    '/programmes/:id/themes',
    {
      schema: {
        tags,
        summary: 'List a delivery programme’s themes',
        description:
          'The codebook: each theme with how many answers in returns were coded with it, by round and by hub. For those running the programme and the department, as on the Themes page. All in one page, by name.',
        params: programmeParams,
        response: { 200: listOf(themeResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await readers(request, request.params.id);
      const workspaceId = delivery.ctx.workspace.id;
      const [themes, counts] = await Promise.all([codebook(db, workspaceId, delivery.programme.id), themeCounts(db, workspaceId, delivery.programme.id)]);
      const totals = <K extends string | number>(themeId: string, keyOf: (count: (typeof counts)[number]) => K) => {
        const byKey = new Map<K, number>();
        for (const count of counts.filter((c) => c.themeId === themeId)) byKey.set(keyOf(count), (byKey.get(keyOf(count)) ?? 0) + count.n);
        return [...byKey];
      };
      return {
        data: themes.map((theme) => ({
          id: theme.id,
          name: theme.name,
          description: theme.description,
          answersCoded: theme.codings,
          byRound: totals(theme.id, (c) => c.round)
            .sort(([a], [b]) => a - b)
            .map(([round, answers]) => ({ round, answers })),
          byHub: totals(theme.id, (c) => c.hub)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([hub, answers]) => ({ hub, answers })),
        })),
        next: null,
      };
    },
  );

  app.get(
    '/programmes/:id/theme-responses',
    {
      schema: {
        tags,
        summary: 'List the department’s responses to themes',
        description: '“You said, we did”: every response, newest first, to everyone in the programme, as on the Briefings page. All in one page.',
        params: programmeParams,
        response: { 200: listOf(responseResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const responses = await responsesOf(db, delivery.ctx.workspace.id, delivery.programme.id);
      return {
        data: responses.map((r) => ({
          id: r.id,
          themeId: r.themeId,
          theme: r.theme,
          response: r.response,
          respondedBy: r.by,
          createdAt: isoDate(r.createdAt)!,
        })),
        next: null,
      };
    },
  );
};
