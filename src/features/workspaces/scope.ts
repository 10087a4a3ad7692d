import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { requireAccount } from '../accounts/session-hook.ts';
import { accessRoutes } from '../access/routes.ts';
import { adminRoutes } from '../admin/routes.ts';
import { apiTokenRoutes } from '../api/token-routes.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import { privacyRoutes } from '../privacy/routes.ts';
import { privacySettingsRoutes } from '../privacy/settings-routes.ts';
import { ssoSettingsRoutes } from '../sso/settings-routes.ts';
import { organisationRoutes } from '../organisations/routes.ts';
import { peopleRoutes } from '../people/routes.ts';
import { topicRoutes } from '../topics/routes.ts';
import { evidenceRoutes } from '../evidence/routes.ts';
import { readingListRoutes } from '../reading-lists/routes.ts';
import { programmeRoutes } from '../programmes/routes.ts';
import { sessionRoutes } from '../programmes/session-routes.ts';
import { needsRoutes } from '../programmes/needs-routes.ts';
import { changeRoutes } from '../programmes/change-routes.ts';
import { participationRoutes } from '../programmes/participation-routes.ts';
import { evaluationRoutes } from '../evaluation/routes.ts';
import { surveyRoutes } from '../evaluation/survey-routes.ts';
import { resultsRoutes } from '../evaluation/results-routes.ts';
import { deliveryRoutes } from '../delivery/routes.ts';
import { homeRoutes } from '../home/routes.ts';
import { communityModerationRoutes } from '../communities/moderation-routes.ts';
import { communityRoutes } from '../communities/routes.ts';
import { communityEventRoutes } from '../communities/events/routes.ts';
import { lessonRoutes } from '../lessons/routes.ts';
import { guideRoutes } from '../guides/routes.ts';
import { handoverRoutes } from '../handover/routes.ts';
import { programmeLessonRoutes } from '../lessons/programme-routes.ts';
import { bellHook } from '../notifications/bell.ts';
import { expertiseRoutes } from '../expertise/routes.ts';
import { workspaceSearchRoutes } from '../workspace-search/routes.ts';
import { introductionRoutes, networkRoutes } from '../relationships/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { workspaceSlugParams } from '../../core/http/route-schemas.ts';

/** Load the workspace named in the URL and the signed-in account's membership; strangers get a 404. */
async function loadWorkspace(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (reply.sent) return;
  if (!workspaceSlugParams.safeParse(request.params).success) throw new NotFoundError();
  // The session hook looked up the membership with the session, in the same query (requireAccount ran first).
  const found = request.workspaceMembership;
  // Not telling outsiders whether a workspace exists: no membership looks the same as no workspace.
  if (!found) throw new NotFoundError();
  // A workspace that signs its members in through its own provider: a password session (or another workspace's) goes there first.
  // (A form is refused rather than redirected: a browser will not follow a form's redirects to another site.)
  if (found.ssoRequired && !request.account?.ssoWorkspaceIds.includes(found.workspace.id)) {
    if (request.method !== 'GET')
      throw new ForbiddenError(`${found.workspace.name} now signs its members in through single sign-on. Open the page again to sign in that way.`);
    return reply.redirect(`/sso/${found.workspace.slug}?next=${encodeURIComponent(request.url)}`);
  }
  request.workspace = found.workspace;
  request.member = found.member;
}

/** Every page under /w/:workspaceSlug: signed in, a member, then the feature routes. */
export const workspaceScope: FastifyPluginAsync = async (scope) => {
  scope.addHook('preHandler', requireAccount);
  scope.addHook('preHandler', loadWorkspace);
  scope.addHook('preHandler', bellHook);
  await scope.register(homeRoutes);
  await scope.register(programmeRoutes, { prefix: '/programmes' });
  await scope.register(sessionRoutes, { prefix: '/programmes' });
  await scope.register(needsRoutes, { prefix: '/programmes' });
  await scope.register(changeRoutes, { prefix: '/programmes' });
  await scope.register(participationRoutes, { prefix: '/programmes' });
  await scope.register(evaluationRoutes, { prefix: '/programmes' });
  await scope.register(surveyRoutes, { prefix: '/programmes' });
  await scope.register(resultsRoutes, { prefix: '/programmes' });
  await scope.register(deliveryRoutes, { prefix: '/programmes' });
  await scope.register(readingListRoutes, { prefix: '/evidence/lists' });
  await scope.register(evidenceRoutes, { prefix: '/evidence' });
  await scope.register(communityRoutes, { prefix: '/communities' });
  await scope.register(communityModerationRoutes, { prefix: '/communities' });
  await scope.register(communityEventRoutes, { prefix: '/communities' });
  await scope.register(lessonRoutes, { prefix: '/lessons' });
  await scope.register(guideRoutes, { prefix: '/guides' });
  await scope.register(handoverRoutes);
  await scope.register(programmeLessonRoutes, { prefix: '/programmes' });
  await scope.register(notificationRoutes, { prefix: '/notifications' });
  await scope.register(peopleRoutes, { prefix: '/people' });
  await scope.register(expertiseRoutes, { prefix: '/expertise' });
  await scope.register(workspaceSearchRoutes, { prefix: '/search' });
  await scope.register(networkRoutes, { prefix: '/network' });
  await scope.register(introductionRoutes, { prefix: '/introductions' });
  await scope.register(organisationRoutes, { prefix: '/organisations' });
  await scope.register(topicRoutes, { prefix: '/topics' });
  await scope.register(accessRoutes, { prefix: '/access' });
  await scope.register(adminRoutes, { prefix: '/admin' });
  await scope.register(apiTokenRoutes, { prefix: '/api-tokens' });
  await scope.register(webhookRoutes, { prefix: '/webhooks' });
  await scope.register(privacyRoutes, { prefix: '/people' });
  await scope.register(privacySettingsRoutes, { prefix: '/privacy-settings' });
  await scope.register(ssoSettingsRoutes, { prefix: '/sso' });
};
