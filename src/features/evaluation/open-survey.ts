import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { countOf } from '../../core/views/format.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { Programme } from '../programmes/queries.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { sealToken, sendLink, type LinkDeps } from './survey-links.ts';
import { findSurvey } from './survey-queries.ts';
import { surveyInvitations, surveys } from './tables.ts';

/** Open a survey: every participant in the cohort gets a personal link by e-mail (opening again reaches newcomers). */
export async function openSurvey(db: Db, deps: LinkDeps, ctx: WorkspaceContext, access: ProgrammeAccess, programme: Programme, surveyId: string) {
  const { survey, links } = await runOperation(db, ctx, 'open a survey', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const survey = await findSurvey(tx, workspaceId, programme.id, surveyId);
    if (!survey) throw new NotFoundError();
    if (survey.status === 'closed') throw new RuleError('status', 'This survey has closed. Open a new wave instead.');
    const participants = await tx
      .select({ id: people.id, name: people.fullName, email: people.email })
      .from(cohortMembers)
      .innerJoin(people, and(eq(people.workspaceId, cohortMembers.workspaceId), eq(people.id, cohortMembers.personId)))
      .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, programme.id), eq(cohortMembers.role, 'participant')));
    if (participants.length === 0) throw new RuleError('status', 'Add participants to the cohort before opening the survey.');
    await tx
      .update(surveys)
      .set({ status: 'open', openedAt: survey.openedAt ?? new Date(), updatedAt: new Date() })
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, survey.id)));
    const invitedRows = await tx
      .select({ personId: surveyInvitations.personId })
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.workspaceId, workspaceId), eq(surveyInvitations.surveyId, survey.id)));
    const invited = new Set(invitedRows.map((row) => row.personId));
    const created: Array<{ person: (typeof participants)[number]; token: string; invitationId: string }> = [];
    for (const person of participants.filter((p) => !invited.has(p.id))) {
      const token = newToken();
      const [row] = await tx
        .insert(surveyInvitations)
        .values({ workspaceId, surveyId: survey.id, personId: person.id, tokenHash: hashToken(token), tokenCipher: sealToken(token, deps.secret) })
        .returning({ id: surveyInvitations.id });
      created.push({ person, token, invitationId: row.id });
    }
    await audit({
      action: 'survey.opened',
      entityType: 'survey',
      entityId: survey.id,
      summary: `Opened “${survey.title}” and sent ${countOf(created.length, 'personal link')}`,
    });
    return { survey, links: created };
  });
  // E-mail after the commit: a failed message is kept in the outbox and retried by the job queue; it never undoes the survey.
  let noEmail = 0;
  for (const link of links) {
    const status = await sendLink(deps, ctx.workspace.id, link.person, survey, link.token, false);
    if (status === 'no-email') noEmail++;
    else
      await db
        .update(surveyInvitations)
        .set({ sentAt: new Date() })
        .where(and(eq(surveyInvitations.workspaceId, ctx.workspace.id), eq(surveyInvitations.id, link.invitationId)));
  }
  return { sent: links.length - noEmail, noEmail };
}
