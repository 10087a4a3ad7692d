import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { countOf } from '../../core/views/format.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { Programme } from '../programmes/queries.ts';
import { openToken, sendLink, type LinkDeps } from './survey-links.ts';
import { findSurvey } from './survey-queries.ts';
import { surveyInvitations } from './tables.ts';

/** E-mail the same personal link again to everyone who has not submitted; returns how many were sent. */
export async function remindSurvey(db: Db, deps: LinkDeps, ctx: WorkspaceContext, access: ProgrammeAccess, programme: Programme, surveyId: string) {
  const { survey, waiting } = await runOperation(db, ctx, 'remind a survey', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const survey = await findSurvey(tx, workspaceId, programme.id, surveyId);
    if (!survey) throw new NotFoundError();
    if (survey.status !== 'open') throw new RuleError('status', 'Reminders go out only while the survey is open.');
    const waiting = await tx
      .select({ id: surveyInvitations.id, tokenCipher: surveyInvitations.tokenCipher, name: people.fullName, email: people.email })
      .from(surveyInvitations)
      .innerJoin(people, and(eq(people.workspaceId, surveyInvitations.workspaceId), eq(people.id, surveyInvitations.personId)))
      .where(and(eq(surveyInvitations.workspaceId, workspaceId), eq(surveyInvitations.surveyId, survey.id), isNull(surveyInvitations.respondedAt)));
    const reachable = waiting.filter((invitation) => invitation.email);
    if (reachable.length)
      await tx
        .update(surveyInvitations)
        .set({ remindedAt: new Date() })
        .where(
          and(
            eq(surveyInvitations.workspaceId, workspaceId),
            inArray(
              surveyInvitations.id,
              reachable.map((invitation) => invitation.id),
            ),
          ),
        );
    await audit({
      action: 'survey.reminded',
      entityType: 'survey',
      entityId: survey.id,
      summary: `Reminded ${countOf(reachable.length, 'person', 'people')} to answer “${survey.title}”`,
    });
    return { survey, waiting: reachable };
  });
  for (const invitation of waiting) await sendLink(deps, ctx.workspace.id, invitation, survey, openToken(invitation.tokenCipher, deps.secret), true);
  return waiting.length;
}
