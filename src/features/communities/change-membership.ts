import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { people } from '../people/tables.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import type { Community } from './queries.ts';
import type { AddMembersInput } from './schemas.ts';
import { communityMembers } from './tables.ts';

/** Join an open community, or leave any: one's own choice, recorded. */
export function joinOrLeave(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, join: boolean): Promise<void> {
  return runOperation(db, ctx, join ? 'join a community' : 'leave a community', async ({ tx, workspaceId, member, authorize, audit }) => {
    if (join) {
      authorize(
        communityPolicy.join(access),
        access.role ? 'You are already a member.' : 'This community is by invitation: ask one of its moderators to add you.',
      );
      await tx.insert(communityMembers).values({ workspaceId, communityId: community.id, personId: member.personId }).onConflictDoNothing();
    } else {
      authorize(communityPolicy.leave(access), 'You are not a member of this community.');
      await tx
        .delete(communityMembers)
        .where(
          and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, community.id), eq(communityMembers.personId, member.personId)),
        );
    }
    await audit({
      action: join ? 'community.joined' : 'community.left',
      entityType: 'community',
      entityId: community.id,
      summary: `${join ? 'Joined' : 'Left'} the community “${community.name}”`,
    });
  });
}

/**
 * Add people to a community: chosen one by one, or everyone in a programme's
 * cohort at once (a delivery programme's site leads and contacts are in it).
 * People already in it stay as they are. Returns how many were added.
 */
export function addMembers(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, input: AddMembersInput): Promise<number> {
  return runOperation(db, ctx, 'add people to a community', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(communityPolicy.moderate(access), 'Only the community’s moderators can add people.');
    const chosen = [...new Set(input.personIds)];
    const found = chosen.length
      ? await tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, chosen)))
      : [];
    if (found.length !== chosen.length) throw new RuleError('personIds', 'Choose people from the list');
    const fromProgramme = input.fromProgrammeId
      ? await tx
          .select({ id: cohortMembers.personId })
          .from(cohortMembers)
          .where(and(eq(cohortMembers.workspaceId, workspaceId), eq(cohortMembers.programmeId, input.fromProgrammeId)))
      : [];
    const personIds = [...new Set([...found, ...fromProgramme].map((p) => p.id))];
    if (!personIds.length) throw new RuleError('personIds', 'Choose the people to add, or a programme whose cohort to add');
    const added = await tx
      .insert(communityMembers)
      .values(personIds.map((personId) => ({ workspaceId, communityId: community.id, personId })))
      .onConflictDoNothing()
      .returning({ personId: communityMembers.personId });
    await audit({
      action: 'community.members_added',
      entityType: 'community',
      entityId: community.id,
      summary: `Added ${added.length} ${added.length === 1 ? 'person' : 'people'} to the community “${community.name}”`,
    });
    return added.length;
  });
}

/** Note when a member last looked at a community, so its page and the list can mark what is new since. */
export function recordVisit(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess): Promise<void> {
  return runOperation(
    db,
    ctx,
    'note a visit to a community',
    async ({ tx, workspaceId, member, authorize }) => {
      authorize(communityPolicy.see(access));
      if (!access.role) return;
      await tx
        .update(communityMembers)
        .set({ lastVisitedAt: sql`now()` })
        .where(
          and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, community.id), eq(communityMembers.personId, member.personId)),
        );
    },
    { unauditedBecause: 'the last visit only marks what is new for the member; it changes nothing anyone else sees' },
  );
}
