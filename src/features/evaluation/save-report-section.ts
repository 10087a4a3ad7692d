import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import { sectionTitles } from './report.ts';
import type { ReportSectionInput } from './schemas.ts';
import { reportSections } from './tables.ts';

/** Rewrite one section of the evaluation report by hand, or (empty) go back to the standard text. */
export function saveReportSection(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: ReportSectionInput): Promise<void> {
  return runOperation(db, ctx, 'save a report section', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const section = and(eq(reportSections.workspaceId, workspaceId), eq(reportSections.programmeId, programmeId), eq(reportSections.key, input.key));
    if (input.body === '') await tx.delete(reportSections).where(section);
    else
      await tx
        .insert(reportSections)
        .values({ workspaceId, programmeId, key: input.key, body: input.body })
        .onConflictDoUpdate({
          target: [reportSections.programmeId, reportSections.key, reportSections.workspaceId],
          set: { body: input.body, updatedAt: new Date() },
        });
    await audit({
      action: 'evaluation.report_section',
      entityType: 'programme',
      entityId: programmeId,
      summary:
        input.body === '' ? `Put “${sectionTitles[input.key]}” back to the standard text` : `Rewrote “${sectionTitles[input.key]}” in the evaluation report`,
    });
  });
}
