import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { changedFields } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findOrganisation } from '../organisations/queries.ts';
import { existingTopicIds } from '../topics/queries.ts';
import { peoplePolicy } from './policy.ts';
import { findPerson, topicsFor } from './queries.ts';
import type { PersonInput } from './schemas.ts';
import { people, personTopics } from './tables.ts';
import { indexPeople } from './search-text.ts';

/**
 * Create a person, or update one when an id is given, with their topics, in one
 * transaction. Organisation and topic ids must belong to this workspace.
 */
export async function savePerson(db: Db, ctx: WorkspaceContext, input: PersonInput, id?: string): Promise<string> {
  const { topicIds, ...fields } = input;
  const values = { ...fields, email: fields.email === '' ? null : fields.email };
  try {
    return await runOperation(db, ctx, 'save a person', async ({ tx, workspaceId, member, authorize, audit }) => {
      const before = id ? await findPerson(tx, workspaceId, id) : undefined;
      if (id && !before) throw new NotFoundError();
      authorize(before ? peoplePolicy.edit(member, before) : peoplePolicy.create(member));
      if (values.organisationId && !(await findOrganisation(tx, workspaceId, values.organisationId))) {
        throw new RuleError('organisationId', 'Select an organisation from the list');
      }
      const uniqueTopicIds = [...new Set(topicIds)];
      const validTopicIds = await existingTopicIds(tx, workspaceId, uniqueTopicIds);
      if (validTopicIds.length !== uniqueTopicIds.length) throw new RuleError('topicIds', 'Select expertise topics from the list');

      let personId: string;
      if (!before) {
        const [created] = await tx
          .insert(people)
          .values({ workspaceId, ...values })
          .returning({ id: people.id });
        personId = created.id;
      } else {
        personId = before.id;
        await tx
          .update(people)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
      }
      const previousTopics = before ? ((await topicsFor(tx, workspaceId, [personId])).get(personId) ?? []).map((t) => t.id).sort() : [];
      await tx.delete(personTopics).where(and(eq(personTopics.workspaceId, workspaceId), eq(personTopics.personId, personId)));
      if (validTopicIds.length > 0) {
        await tx.insert(personTopics).values(validTopicIds.map((topicId) => ({ workspaceId, personId, topicId })));
      }
      await indexPeople(tx, workspaceId, [personId]);
      const changes = before ? changedFields(before, values) : {};
      const nextTopics = [...validTopicIds].sort();
      if (before && previousTopics.join() !== nextTopics.join()) changes.topicIds = { from: previousTopics, to: nextTopics };
      await audit({
        action: before ? 'person.updated' : 'person.created',
        entityType: 'person',
        entityId: personId,
        summary: before ? `Updated the profile of ${values.fullName}` : `Added ${values.fullName}`,
        changes,
      });
      return personId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('email', 'Someone in this workspace already has that email address');
    throw error;
  }
}
