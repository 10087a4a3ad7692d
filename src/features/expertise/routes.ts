import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { queryChoice, queryOf, queryText, queryYes } from '../../core/http/route-schemas.ts';
import { perspectiveLabels, regions } from '../../core/views/labels.ts';
import { organisationOptions } from '../organisations/queries.ts';
import { perspectives } from '../people/tables.ts';
import { topicOptions } from '../topics/queries.ts';
import { findExperts } from './find-experts.ts';

const expertiseQuery = queryOf({
  q: queryText(200),
  organisation: queryText(40),
  region: queryChoice(regions),
  perspective: queryChoice(perspectives),
  topic: queryText(40),
  openToContact: queryYes,
});

const perspectiveItems = perspectives.map((value) => ({ value, text: perspectiveLabels[value] }));
const regionItems = regions.map((value) => ({ value, text: value }));

/** "Who knows about…": the people and expertise finder. Anyone in the workspace may ask. */
export const expertiseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get('/', { schema: { querystring: expertiseQuery } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    const { q, organisation, region, perspective, topic, openToContact } = request.query;
    const filters = { organisationId: organisation, region, perspective, topicId: topic, openToContact };
    const [experts, organisationItems, topicItems] = await Promise.all([
      q ? findExperts(db, ctx.workspace.id, ctx.member, q, filters) : [],
      organisationOptions(db, ctx.workspace.id),
      topicOptions(db, ctx.workspace.id),
    ]);
    return reply.page('expertise/views/find.njk', {
      title: q ? `Who knows about “${q}”` : 'Who knows about…',
      q,
      filters: { organisation, region, perspective, topic, openToContact },
      experts,
      organisationItems,
      topicItems,
      regionItems,
      perspectiveItems,
      suggestions: topicItems.slice(0, 8),
      // Ticking people here starts an introduction (the relationships feature's page), for those who make them.
      canIntroduce: isStaff(ctx.member.role),
    });
  });
};
