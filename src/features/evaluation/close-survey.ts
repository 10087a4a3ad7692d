import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { findSurvey } from './survey-queries.ts';
import { surveys } from './tables.ts';

/** Close a survey: no more answers are taken. */
export function closeSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, surveyId: string): Promise<void> {
  return runOperation(db, ctx, 'close a survey', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const survey = await findSurvey(tx, workspaceId, programmeId, surveyId);
    if (!survey) throw new NotFoundError();
    await tx
      .update(surveys)
      .set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, survey.id)));
    await audit({ action: 'survey.closed', entityType: 'survey', entityId: survey.id, summary: `Closed “${survey.title}”` });
  });
}
