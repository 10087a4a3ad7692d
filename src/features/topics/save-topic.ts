import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { topicPolicy } from './policy.ts';
import { findTopic, findTopicByName } from './queries.ts';
import type { TopicInput } from './schemas.ts';
import { topics } from './tables.ts';

export class DuplicateTopicError extends Error {}

/** Create a topic, or update one when an id is given. Names are unique in a workspace, ignoring case. */
export async function saveTopic(db: Db, ctx: WorkspaceContext, input: TopicInput, id?: string): Promise<string> {
  authorize(topicPolicy.manage(ctx.member));
  const workspaceId = ctx.workspace.id;
  try {
    return await db.transaction(async (tx) => {
      const clash = await findTopicByName(tx, workspaceId, input.name);
      if (clash && clash.id !== id) throw new DuplicateTopicError();
      if (!id) {
        const [created] = await tx
          .insert(topics)
          .values({ workspaceId, ...input })
          .returning({ id: topics.id });
        await recordAudit(tx, workspaceId, ctx.actor, {
          action: 'topic.created',
          entityType: 'topic',
          entityId: created.id,
          summary: `Added the topic “${input.name}”`,
        });
        return created.id;
      }
      const before = await findTopic(tx, workspaceId, id);
      if (!before) throw new NotFoundError();
      await tx
        .update(topics)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(topics.workspaceId, workspaceId), eq(topics.id, id)));
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'topic.updated',
        entityType: 'topic',
        entityId: id,
        summary: `Updated the topic “${input.name}”`,
        changes: changedFields(before, input),
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateTopicError();
    throw error;
  }
}

export async function deleteTopic(db: Db, ctx: WorkspaceContext, id: string): Promise<string> {
  authorize(topicPolicy.manage(ctx.member));
  return db.transaction(async (tx) => {
    const topic = await findTopic(tx, ctx.workspace.id, id);
    if (!topic) throw new NotFoundError();
    await tx.delete(topics).where(and(eq(topics.workspaceId, ctx.workspace.id), eq(topics.id, id)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'topic.deleted',
      entityType: 'topic',
      entityId: id,
      summary: `Deleted the topic “${topic.name}”`,
    });
    return topic.name;
  });
}
