import { and, eq } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { findProgramme } from '../programmes/queries.ts';
import { communityPolicy } from './policy.ts';
import { findCommunity, membershipOf } from './queries.ts';
import type { CommunityInput } from './schemas.ts';
import { communities, communityMembers } from './tables.ts';

const nameTaken = () => new RuleError('name', 'There is already a community with this name. Choose another.', 409);

/** Start a community (its creator becomes its first moderator), or change one's name, description, visibility or programme. */
export async function saveCommunity(db: Db, ctx: WorkspaceContext, input: CommunityInput, id?: string): Promise<string> {
  try {
    return await runOperation(db, ctx, 'save a community', async ({ tx, workspaceId, member, authorize, audit }) => {
      const before = id ? await findCommunity(tx, workspaceId, id) : undefined;
      if (id && !before) throw new NotFoundError();
      if (before) {
        const membership = await membershipOf(tx, workspaceId, before.id, member.personId);
        authorize(
          communityPolicy.edit({ member, visibility: before.visibility, role: membership?.role ?? null }),
          'Only the community’s moderators can change it.',
        );
      } else authorize(communityPolicy.create(member), 'Only facilitators and administrators start communities.');
      if (input.programmeId && !(await findProgramme(tx, workspaceId, input.programmeId)))
        throw new RuleError('programmeId', 'Choose a programme from the list');
      if (before) {
        await tx
          .update(communities)
          .set({ ...input, updatedAt: new Date() })
          .where(and(eq(communities.workspaceId, workspaceId), eq(communities.id, before.id)));
        await audit({
          action: 'community.updated',
          entityType: 'community',
          entityId: before.id,
          summary: `Changed the community “${input.name}”`,
          changes: changedFields(before, input),
        });
        return before.id;
      }
      const [created] = await tx
        .insert(communities)
        .values({ workspaceId, ...input, createdByPersonId: member.personId || null })
        .returning({ id: communities.id });
      if (member.personId) await tx.insert(communityMembers).values({ workspaceId, communityId: created.id, personId: member.personId, role: 'moderator' });
      await audit({ action: 'community.created', entityType: 'community', entityId: created.id, summary: `Started the community “${input.name}”` });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
