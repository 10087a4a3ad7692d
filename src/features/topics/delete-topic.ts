import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { topicPolicy } from './policy.ts';
import { findTopic } from './queries.ts';
import { topics } from './tables.ts';

/** Delete a topic; everything tagged with it loses the tag. */
export function deleteTopic(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  return runOperation(db, ctx, 'delete a topic', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(topicPolicy.manage(member));
    const topic = await findTopic(tx, workspaceId, id);
    if (!topic) throw new NotFoundError();
    await tx.delete(topics).where(and(eq(topics.workspaceId, workspaceId), eq(topics.id, id)));
    await audit({ action: 'topic.deleted', entityType: 'topic', entityId: id, summary: `Deleted the topic “${topic.name}”` });
    return topic.name;
  });
}
