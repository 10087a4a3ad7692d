import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { people } from '../../people/tables.ts';
import { checkpointReturns, returnVersions } from '../tables.ts';

export type CheckpointReturn = typeof checkpointReturns.$inferSelect;

export async function findReturn(db: Executor, workspaceId: string, roundId: string, siteId: string): Promise<CheckpointReturn | undefined> {
  const [row] = await db
    .select()
    .from(checkpointReturns)
    .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.roundId, roundId), eq(checkpointReturns.siteId, siteId)));
  return row;
}

/** Where each of these sites' returns stands, every round: one query for a site contact's list of returns. */
export async function returnsOfSites(db: Executor, workspaceId: string, siteIds: string[]) {
  if (!siteIds.length) return [];
  return db
    .select({
      roundId: checkpointReturns.roundId,
      siteId: checkpointReturns.siteId,
      status: checkpointReturns.status,
      submittedAt: checkpointReturns.submittedAt,
    })
    .from(checkpointReturns)
    .where(and(eq(checkpointReturns.workspaceId, workspaceId), inArray(checkpointReturns.siteId, siteIds)));
}

/** Who a return was last saved by, for the message when two people's saves cross. */
export async function personName(db: Executor, workspaceId: string, personId: string | null): Promise<string> {
  if (!personId) return 'Someone';
  const [row] = await db
    .select({ name: people.fullName })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
  return row?.name ?? 'Someone';
}

export async function versionsOf(db: Executor, workspaceId: string, returnId: string) {
  return db
    .select({
      revision: returnVersions.revision,
      status: returnVersions.status,
      source: returnVersions.source,
      note: returnVersions.note,
      createdAt: returnVersions.createdAt,
      savedBy: people.fullName,
      content: returnVersions.content,
    })
    .from(returnVersions)
    .leftJoin(people, and(eq(people.workspaceId, returnVersions.workspaceId), eq(people.id, returnVersions.savedByPersonId)))
    .where(and(eq(returnVersions.workspaceId, workspaceId), eq(returnVersions.returnId, returnId)))
    .orderBy(desc(returnVersions.revision));
}
