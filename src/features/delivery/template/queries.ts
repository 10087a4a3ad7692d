import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { checkpointRounds, returnTemplates } from '../tables.ts';

export type Template = typeof returnTemplates.$inferSelect;

export async function latestTemplate(db: Executor, workspaceId: string, programmeId: string): Promise<Template | undefined> {
  const [row] = await db
    .select()
    .from(returnTemplates)
    .where(and(eq(returnTemplates.workspaceId, workspaceId), eq(returnTemplates.programmeId, programmeId)))
    .orderBy(desc(returnTemplates.version))
    .limit(1);
  return row;
}

export async function templateById(db: Executor, workspaceId: string, id: string): Promise<Template | undefined> {
  const [row] = await db
    .select()
    .from(returnTemplates)
    .where(and(eq(returnTemplates.workspaceId, workspaceId), eq(returnTemplates.id, id)));
  return row;
}

/** Whether a round uses this version: it is then frozen, and a change makes the next version. */
export async function templateInUse(db: Executor, workspaceId: string, templateId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: checkpointRounds.id })
    .from(checkpointRounds)
    .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.templateId, templateId)))
    .limit(1);
  return Boolean(row);
}
