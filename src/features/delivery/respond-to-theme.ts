import { type Db } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { themeResponses } from './tables.ts';
import { findTheme } from './theme-queries.ts';

/*
 * The department's response to a theme, shown to sites and in the briefing.
 */

export async function respondToTheme(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  themeId: string,
  response: string,
  roundId: string | null,
): Promise<void> {
  const theme = await findTheme(db, ctx.workspace.id, programmeId, themeId);
  if (!theme) throw new NotFoundError();
  await db.insert(themeResponses).values({ workspaceId: ctx.workspace.id, programmeId, themeId, roundId, response, respondedByPersonId: ctx.member.personId });
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'delivery.theme_response',
    entityType: 'programme',
    entityId: programmeId,
    summary: `Recorded the department’s response to “${theme.name}”`,
  });
}
