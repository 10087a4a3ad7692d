import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { topicPolicy } from './policy.ts';
import { findTopic, findTopicByName } from './queries.ts';
import type { TopicInput } from './schemas.ts';
import { topics } from './tables.ts';

const duplicate = () => new RuleError('name', 'There is already a topic with that name', 409);

/** Create a topic, or update one when an id is given. Names are unique in a workspace, ignoring case. */
export async function saveTopic(db: Db, ctx: WorkspaceContext, input: TopicInput, id?: string): Promise<string> {
  try {
    return await runOperation(db, ctx, 'save a topic', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(topicPolicy.manage(member));
      const clash = await findTopicByName(tx, workspaceId, input.name);
      if (clash && clash.id !== id) throw duplicate();
      if (!id) {
        const [created] = await tx
          .insert(topics)
          .values({ workspaceId, ...input })
          .returning({ id: topics.id });
        await audit({ action: 'topic.created', entityType: 'topic', entityId: created.id, summary: `Added the topic “${input.name}”` });
        return created.id;
      }
      const before = await findTopic(tx, workspaceId, id);
      if (!before) throw new NotFoundError();
      await tx
        .update(topics)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(topics.workspaceId, workspaceId), eq(topics.id, id)));
      await audit({
        action: 'topic.updated',
        entityType: 'topic',
        entityId: id,
        summary: `Updated the topic “${input.name}”`,
        changes: changedFields(before, input),
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
