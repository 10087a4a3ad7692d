import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, RuleError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { exampleAccountsPolicy, exampleRoles, issueExamplePasswords } from '../demo/example-accounts.ts';
import { recentActivity } from './queries.ts';
import { communityTasks } from './communities.ts';
import { notificationTasks } from './notifications.ts';
import { introductionTasks } from './introductions.ts';
import { departmentPanels } from './department.ts';
import { facilitatorPanels } from './facilitator.ts';
import { participantHome } from './participant.ts';
import { siteLeadPanels } from './site-lead.ts';

/** The workspace's home: what needs this person now, from the part they play in each programme. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    const { workspace, member } = ctx;
    const staff = isStaff(member.role);
    const [participant, sites, department, running, recent, communities, forYou, introductions] = await Promise.all([
      participantHome(db, workspace.id, member.personId),
      siteLeadPanels(db, workspace.id, member.personId),
      departmentPanels(db, workspace.id, member.personId),
      facilitatorPanels(db, workspace.id, member.personId, staff),
      staff ? recentActivity(db, workspace.id, 6) : [],
      communityTasks(db, workspace.id, member.personId),
      notificationTasks(db, workspace.id, { personId: member.personId, staff }),
      staff ? introductionTasks(db, workspace.id) : undefined,
    ]);
    return reply.page('home/views/home.njk', {
      title: 'Home',
      participant,
      sites,
      department,
      running,
      recent,
      communities,
      forYou,
      introductions,
      staff,
      exampleRoles: exampleAccountsPolicy.issue(ctx) ? exampleRoles : [],
    });
  });

  /** The example's role accounts get one new password, shown on this response only. */
  app.post('/example-accounts', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(exampleAccountsPolicy.issue(ctx), 'Only an administrator of the example workspace can set passwords for its example accounts.');
    try {
      const issued = await issueExamplePasswords(db, ctx);
      return reply.page('home/views/example-accounts.njk', { title: 'Try each role', ...issued });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
      return reply.redirect(`/w/${ctx.workspace.slug}`);
    }
  });
};
