import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonProblems, isoDate, listOf, listQuery, pageById, problemSchema } from '../../core/http/api.ts';
import { BadRequestError, ConflictError, FieldProblemsError, NotFoundError, RuleError } from '../../core/http/errors.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { loadDelivery } from './load.ts';
import { readReturnAnswers, returnAnswers } from './returns/return-answers.ts';
import { ReturnConflictError, saveReturn } from './returns/save-return.ts';
import { templateById } from './template/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from './policy.ts';
import { roundsOf } from './rounds/queries.ts';
import { findSite, sitesOf } from './sites/queries.ts';
import { checkpointReturns, ragStatuses, returnSources, returnStatuses, roundStatuses, siteContactRoles } from './tables.ts';

const programmeParams = pathParams({ id: idParam });
const returnParams = pathParams({ id: idParam, returnId: idParam });
const roundSiteParams = pathParams({ id: idParam, roundId: idParam, siteId: idParam });

const returnBody = z.object({
  revision: z
    .number()
    .int()
    .min(0)
    .describe('The `revision` of the return as last read, or 0 for a return not yet started: a save over someone else’s is refused'),
  submit: z.boolean().default(false).describe('Submit it (every RAG and indicator then needed), rather than save a draft'),
  content: returnAnswers,
});

const siteResource = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  hub: z.string(),
  region: z.string(),
  contacts: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.enum(siteContactRoles) })),
});

const roundResource = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  periodStart: z.string().describe('YYYY-MM-DD'),
  periodEnd: z.string().describe('YYYY-MM-DD'),
  dueOn: z.string().describe('YYYY-MM-DD'),
  status: z.enum(roundStatuses),
  openedAt: z.string().nullable(),
});

const returnResource = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  siteId: z.uuid(),
  status: z.enum(returnStatuses),
  revision: z.number().int().describe('Goes up on every save'),
  source: z.enum(returnSources).describe('How it arrived: the form, an Excel file, or the command line'),
  content: z
    .object({
      workstreams: z.record(z.string(), z.object({ rag: z.union([z.enum(ragStatuses), z.literal('')]), commentary: z.string() })),
      milestones: z.record(z.string(), z.object({ actualOn: z.string(), forecastOn: z.string(), note: z.string() })),
      indicators: z.record(z.string(), z.number().nullable()),
      sections: z.record(z.string(), z.string()),
    })
    .describe('Answers keyed by the round template’s workstream, milestone, indicator and section keys'),
  returnedReason: z.string().describe('Why a facilitator sent it back for correction, when they did'),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const asReturn = (row: typeof checkpointReturns.$inferSelect) => ({
  id: row.id,
  roundId: row.roundId,
  siteId: row.siteId,
  status: row.status,
  revision: row.revision,
  source: row.source,
  content: row.content,
  returnedReason: row.returnedReason,
  submittedAt: isoDate(row.submittedAt),
  updatedAt: isoDate(row.updatedAt)!,
});

/** The returns a person may read, as `deliveryPolicy.seeReturn` decides for one: all to those running it, their own sites', and submitted ones to the department. */
function returnsVisibleTo(access: DeliveryAccess): SQL | undefined {
  if (access.canManage) return undefined;
  const own = access.ownSiteIds.length ? inArray(checkpointReturns.siteId, access.ownSiteIds) : undefined;
  const department = access.isDepartment ? eq(checkpointReturns.status, 'submitted') : undefined;
  return or(own, department) ?? sql`false`;
}

/** A delivery programme's sites, checkpoint rounds and returns, as its pages show them to the token's owner. */
export const deliveryApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['Delivery'];

  app.get(
    '/programmes/:id/sites',
    {
      schema: {
        tags,
        summary: 'List a delivery programme’s sites',
        description:
          'The local authorities or other places delivering it, with their contacts: every site to those running it and to the department, their own to a site’s contacts. All in one page.',
        params: programmeParams,
        response: { 200: listOf(siteResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const sites = await sitesOf(db, delivery.ctx.workspace.id, delivery.programme.id);
      return {
        data: sites
          .filter((site) => deliveryPolicy.seeSite(delivery, site))
          .map((site) => ({ ...site, contacts: site.contacts.map(({ personId, name, role }) => ({ personId, name, role })) })),
        next: null,
      };
    },
  );

  app.get(
    '/programmes/:id/rounds',
    {
      schema: {
        tags,
        summary: 'List a delivery programme’s checkpoint rounds',
        description: 'Every round, earliest first, to anyone who can see the programme. All in one page.',
        params: programmeParams,
        response: { 200: listOf(roundResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const rounds = await roundsOf(db, delivery.ctx.workspace.id, delivery.programme.id);
      return {
        data: rounds.map((round) => ({
          id: round.id,
          number: round.number,
          title: round.title,
          periodStart: round.periodStart,
          periodEnd: round.periodEnd,
          dueOn: round.dueOn,
          status: round.status,
          openedAt: isoDate(round.openedAt),
        })),
        next: null,
      };
    },
  );

  app.get(
    '/programmes/:id/returns',
    {
      schema: {
        tags,
        summary: 'List checkpoint returns',
        description:
          'Returns with their answers: all to those running the programme, a site’s own to its contacts (drafts included), and submitted ones to the department. Filter by round.',
        params: programmeParams,
        querystring: listQuery.extend({ roundId: z.uuid().optional().describe('Only this round’s returns') }),
        response: { 200: listOf(returnResource), ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const visible = and(
        eq(checkpointReturns.programmeId, delivery.programme.id),
        request.query.roundId ? eq(checkpointReturns.roundId, request.query.roundId) : undefined,
        returnsVisibleTo(delivery),
      );
      const page = await pageById(db, checkpointReturns, delivery.ctx.workspace.id, request.query, visible);
      return { data: page.data.map(asReturn), next: page.next };
    },
  );

  app.get(
    '/programmes/:id/returns/:returnId',
    {
      schema: {
        tags,
        summary: 'Get a checkpoint return',
        description: 'The `return.submitted` webhook names the return; this reads it whole.',
        params: returnParams,
        response: { 200: returnResource, ...commonProblems },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const [found] = await db
        .select()
        .from(checkpointReturns)
        .where(
          and(
            eq(checkpointReturns.workspaceId, delivery.ctx.workspace.id),
            eq(checkpointReturns.programmeId, delivery.programme.id),
            eq(checkpointReturns.id, request.params.returnId),
          ),
        );
      if (!found || !deliveryPolicy.seeReturn(delivery, { id: found.siteId }, found.status))
        throw new NotFoundError('There is no such return in this programme.');
      return asReturn(found);
    },
  );

  app.put(
    '/programmes/:id/rounds/:roundId/sites/:siteId/return',
    {
      schema: {
        tags,
        summary: 'Save or submit a site’s checkpoint return',
        description:
          'Saves the whole return (answers left out are saved empty), checked by the web form’s rules: every problem is listed in `errors`, by answer, and nothing is saved. For a site’s leads and those running the programme, while the round is open. A save over a newer revision is refused with 409.',
        params: roundSiteParams,
        body: returnBody,
        response: { 200: returnResource, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => {
      const delivery = await loadDelivery(request, request.params.id);
      const workspaceId = delivery.ctx.workspace.id;
      const [rounds, site] = await Promise.all([
        roundsOf(db, workspaceId, delivery.programme.id),
        findSite(db, workspaceId, delivery.programme.id, request.params.siteId),
      ]);
      const round = rounds.find((r) => r.id === request.params.roundId);
      if (!round || !site || !deliveryPolicy.seeSite(delivery, site)) throw new NotFoundError('There is no such round or site in this programme.');
      const template = await templateById(db, workspaceId, round.templateId);
      if (!template) throw new NotFoundError('This round’s template is no longer there.');
      const { submit, revision, content: answers } = request.body;
      const { content, problems } = readReturnAnswers(template.definition, answers, submit);
      if (problems.length) throw new FieldProblemsError(problems);
      try {
        const saved = await saveReturn(db, delivery.ctx, delivery, {
          programme: delivery.programme,
          round,
          site,
          content,
          expectedRevision: revision,
          submit,
          source: 'api',
        });
        return asReturn(saved);
      } catch (error) {
        if (error instanceof ReturnConflictError)
          throw new ConflictError(`${error.message} It is now at revision ${error.current.revision}: read it again before saving.`);
        if (error instanceof RuleError) throw error.statusCode === 409 ? new ConflictError(error.message) : new BadRequestError(error.message);
        throw error;
      }
    },
  );
};
