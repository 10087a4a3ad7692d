import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../core/db/client.ts';
import { commonProblems, isoDate, listOf, listQuery, pageById } from '../../core/http/api.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { idParams } from '../../core/http/route-schemas.ts';
import { findEvidence } from './queries.ts';
import { saveEvidence } from './save-evidence.ts';
import { evidenceSchema } from './schemas.ts';
import { evidenceItems, evidenceTopics, sourceTypes, strengthRatings } from './tables.ts';

const evidenceResource = z.object({
  id: z.uuid(),
  sourceType: z.enum(sourceTypes),
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().int().nullable(),
  publisher: z.string(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  url: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
  summary: z.string(),
  policyImplications: z.string(),
  population: z.string(),
  geography: z.string(),
  strength: z.enum(strengthRatings).nullable(),
  studyDesign: z.string(),
  sample: z.string(),
  riskOfBias: z.string(),
  strengthRationale: z.string(),
  sitesCount: z.number().int().nullable().describe('Practitioner insight: how many sites it comes from'),
  evaluated: z.boolean().nullable().describe('Practitioner insight: whether it was evaluated'),
  voicesCount: z.number().int().nullable().describe('Lived experience: how many voices'),
  gatheringMethod: z.string().describe('Lived experience: how the voices were gathered'),
  topicIds: z.array(z.uuid()),
  updatedAt: z.string(),
});

/** What the API takes to add or replace an item: the resource's own fields, any left out empty. */
const evidenceBody = z.object({
  sourceType: z.enum(sourceTypes),
  title: z.string(),
  authors: z.array(z.string()).max(500).optional().describe('One name per entry'),
  year: z.number().int().nullable().optional(),
  publisher: z.string().optional(),
  doi: z.string().nullable().optional().describe('In any common form: 10.…, doi:10.… or https://doi.org/10.…'),
  url: z.string().optional(),
  abstract: z.string().optional(),
  summary: z.string().optional(),
  policyImplications: z.string().optional(),
  population: z.string().optional(),
  geography: z.string().optional(),
  strength: z.enum(strengthRatings).nullable().optional().describe('Research, reviews and evaluations only, with strengthRationale'),
  studyDesign: z.string().optional(),
  sample: z.string().optional(),
  riskOfBias: z.string().optional(),
  strengthRationale: z.string().optional(),
  sitesCount: z.number().int().nullable().optional(),
  evaluated: z.boolean().nullable().optional(),
  voicesCount: z.number().int().nullable().optional(),
  gatheringMethod: z.string().optional(),
  topicIds: z.array(z.uuid()).max(50).optional(),
});

const asText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** Put the JSON into the form's shape, then check it with the form's own rules (a ZodError answers 400, by field). */
function evidenceInput(body: z.infer<typeof evidenceBody>) {
  return evidenceSchema.parse({
    ...body,
    authors: (body.authors ?? []).join('\n'),
    year: asText(body.year),
    doi: body.doi ?? '',
    strength: body.strength ?? '',
    sitesCount: asText(body.sitesCount),
    voicesCount: asText(body.voicesCount),
    evaluated: body.evaluated === null || body.evaluated === undefined ? '' : body.evaluated ? 'yes' : 'no',
    topicIds: body.topicIds ?? [],
  });
}

/** Each item's topics, in one query for a page of items. */
async function topicIdsOf(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, string[]>> {
  const byItem = new Map<string, string[]>();
  if (!ids.length) return byItem;
  const rows = await db
    .select({ evidenceId: evidenceTopics.evidenceId, topicId: evidenceTopics.topicId })
    .from(evidenceTopics)
    .where(and(eq(evidenceTopics.workspaceId, workspaceId), inArray(evidenceTopics.evidenceId, ids)));
  for (const row of rows) byItem.set(row.evidenceId, [...(byItem.get(row.evidenceId) ?? []), row.topicId]);
  return byItem;
}

const asResource = (row: typeof evidenceItems.$inferSelect, topicIds: string[]) => ({
  id: row.id,
  sourceType: row.sourceType,
  title: row.title,
  authors: row.authors,
  year: row.year,
  publisher: row.publisher,
  doi: row.doi,
  pmid: row.pmid,
  url: row.url,
  abstract: row.abstract,
  keywords: row.keywords,
  summary: row.summary,
  policyImplications: row.policyImplications,
  population: row.population,
  geography: row.geography,
  strength: row.strength,
  studyDesign: row.studyDesign,
  sample: row.sample,
  riskOfBias: row.riskOfBias,
  strengthRationale: row.strengthRationale,
  sitesCount: row.sitesCount,
  evaluated: row.evaluated,
  voicesCount: row.voicesCount,
  gatheringMethod: row.gatheringMethod,
  topicIds: [...topicIds].sort(),
  updatedAt: isoDate(row.updatedAt)!,
});

export const evidenceApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Evidence'];

  app.get(
    '/evidence',
    { schema: { tags, summary: 'List the evidence library', querystring: listQuery, response: { 200: listOf(evidenceResource), ...commonProblems } } },
    async (request) => {
      const workspaceId = workspaceContext(request).workspace.id;
      const page = await pageById(db, evidenceItems, workspaceId, request.query);
      const topics = await topicIdsOf(
        db,
        workspaceId,
        page.data.map((item) => item.id),
      );
      return { data: page.data.map((item) => asResource(item, topics.get(item.id) ?? [])), next: page.next };
    },
  );

  const oneItem = async (workspaceId: string, id: string) => {
    const item = await findEvidence(db, workspaceId, id);
    if (!item) throw new NotFoundError('There is no such item in this workspace’s library.');
    return asResource(item, (await topicIdsOf(db, workspaceId, [item.id])).get(item.id) ?? []);
  };

  app.get(
    '/evidence/:id',
    { schema: { tags, summary: 'Get an evidence item', params: idParams, response: { 200: evidenceResource, ...commonProblems } } },
    async (request) => oneItem(workspaceContext(request).workspace.id, request.params.id),
  );

  app.post(
    '/evidence',
    {
      schema: {
        tags,
        summary: 'Add an item to the evidence library',
        description: 'Checked by the add-item form’s rules and indexed for search at once. For staff and experts, as on the pages.',
        body: evidenceBody,
        response: { 201: evidenceResource, ...commonProblems },
      },
    },
    async (request, reply) => {
      const ctx = workspaceContext(request);
      const id = await saveEvidence(db, ctx, evidenceInput(request.body));
      return reply
        .code(201)
        .header('location', `/api/v1/evidence/${id}`)
        .send(await oneItem(ctx.workspace.id, id));
    },
  );

  app.put(
    '/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Replace an evidence item',
        description: 'The whole item, as `GET` gives it: fields left out are saved empty, topics included. Staff, and the expert who added it.',
        params: idParams,
        body: evidenceBody,
        response: { 200: evidenceResource, ...commonProblems },
      },
    },
    async (request) => {
      const ctx = workspaceContext(request);
      const id = await saveEvidence(db, ctx, evidenceInput(request.body), request.params.id);
      return oneItem(ctx.workspace.id, id);
    },
  );
};
