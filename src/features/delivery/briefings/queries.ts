import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { checkpointBriefings } from './tables.ts';
import { responsesOf } from '../themes/queries.ts';
import type { Briefing } from './facts.ts';

export async function findBriefing(db: Executor, workspaceId: string, roundId: string): Promise<Briefing | undefined> {
  const [row] = await db
    .select()
    .from(checkpointBriefings)
    .where(and(eq(checkpointBriefings.workspaceId, workspaceId), eq(checkpointBriefings.roundId, roundId)));
  return row;
}

export async function briefingsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select()
    .from(checkpointBriefings)
    .where(and(eq(checkpointBriefings.workspaceId, workspaceId), eq(checkpointBriefings.programmeId, programmeId)));
}

/** The department's responses so far, newest first, for the briefing's "you said, we did". */
export async function recentResponses(db: Executor, workspaceId: string, programmeId: string) {
  return (await responsesOf(db, workspaceId, programmeId)).slice(0, 10);
}
