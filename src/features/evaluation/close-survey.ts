import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { findSurvey } from './survey-queries.ts';
import { surveys } from './tables.ts';
import { programmes } from '../programmes/tables.ts';

/** Close a survey: no more answers are taken. */
export function closeSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, surveyId: string): Promise<void> {
  return runOperation(db, ctx, 'close a survey', async ({ tx, workspaceId, authorize, audit, publish }) => {
    authorize(programmePolicy.manage(access));
    const survey = await findSurvey(tx, workspaceId, programmeId, surveyId);
    if (!survey) throw new NotFoundError();
    await tx
      .update(surveys)
      .set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, survey.id)));
    await audit({ action: 'survey.closed', entityType: 'survey', entityId: survey.id, summary: `Closed “${survey.title}”` });
    const [programme] = await tx
      .select({ id: programmes.id, name: programmes.name })
      .from(programmes)
      .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, programmeId)));
    await publish({
      type: 'survey.closed',
      entityType: 'survey',
      entityId: survey.id,
      data: {
        survey: { id: survey.id, title: survey.title, path: `/w/${ctx.workspace.slug}/programmes/${programmeId}/evaluation/surveys/${survey.id}` },
        programme,
      },
    });
  });
}
