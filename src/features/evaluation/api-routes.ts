import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems } from '../../core/http/api.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { loadManagedEvaluation } from './access.ts';
import { analyseProgramme, MIN_CELL } from './analysis.ts';
import { surveyWaves } from './tables.ts';

const distribution = z
  .object({
    n: z.number().int(),
    suppressed: z.boolean(),
    counts: z.array(z.number().int()).describe('Answers per scale point, the first point first; empty when suppressed'),
    median: z.number().optional(),
    mean: z.number().optional(),
  })
  .describe(`Figures from fewer than ${MIN_CELL} people are suppressed: only n is given`);

const pairedChange = z.object({
  n: z.number().int(),
  suppressed: z.boolean(),
  before: z.number().optional(),
  after: z.number().optional(),
  medianChange: z.number().optional(),
  improved: z.number().int().optional(),
  same: z.number().int().optional(),
  worse: z.number().int().optional(),
  test: z
    .object({ n: z.number().int(), statistic: z.number(), pValue: z.number(), method: z.enum(['exact', 'normal']) })
    .optional()
    .describe('Wilcoxon signed-rank test, as R’s wilcox.test'),
  effect: z.number().optional().describe('Matched-pairs rank-biserial correlation'),
  interval: z.tuple([z.number(), z.number()]).optional().describe('95% interval of the effect'),
});

const analysisResource = z.object({
  waves: z.array(
    z.object({
      surveyId: z.uuid(),
      wave: z.enum(surveyWaves),
      title: z.string(),
      anonymous: z.boolean(),
      status: z.string(),
      invited: z.number().int(),
      submitted: z.number().int(),
      responseRate: z.number().nullable(),
    }),
  ),
  domains: z.array(
    z.object({
      id: z.uuid().nullable(),
      name: z.string(),
      description: z.string(),
      items: z.array(
        z.object({
          questionId: z.uuid(),
          text: z.string(),
          kind: z.string(),
          scalePoints: z.number().int(),
          labels: z.array(z.string()),
          waves: z.partialRecord(z.enum(surveyWaves), distribution),
          paired: pairedChange.optional(),
        }),
      ),
      paired: pairedChange.optional(),
    }),
  ),
  practiceChange: z
    .object({ question: z.string(), n: z.number().int(), suppressed: z.boolean(), agree: z.number().int().optional(), share: z.number().optional() })
    .optional(),
  pairing: z.enum(['person', 'code', 'none']),
  note: z.string(),
});

/** A programme's evaluation figures, exactly as its analysis page shows them, small numbers suppressed alike. */
export const evaluationApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/programmes/:id/evaluation',
    {
      schema: {
        tags: ['Evaluation'],
        summary: 'Get a programme’s evaluation analysis',
        description: `Every figure of the analysis page, for the people running the programme: response rates, answers by outcome domain and wave, and paired change. Figures from fewer than ${MIN_CELL} people are suppressed here as on the page.`,
        params: pathParams({ id: idParam }),
        response: { 200: analysisResource, ...commonProblems },
      },
    },
    async (request) => {
      const loaded = await loadManagedEvaluation(request, request.params.id);
      return analyseProgramme(db, loaded.ctx.workspace.id, loaded.programme.id);
    },
  );
};
