import type { FastifyRequest } from 'fastify';
import { workspaceContext, type WorkspaceContext } from '../../core/http/context.ts';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { communityPolicy, type CommunityAccess } from './policy.ts';
import { findCommunity, findThread, membershipOf, type Community, type Thread } from './queries.ts';

export interface CommunityRequest {
  ctx: WorkspaceContext;
  community: Community;
  access: CommunityAccess;
  /** When the member last looked (or joined, before a first visit), to mark what is new; null for someone outside it. */
  lastVisitedAt: Date | null;
  base: string;
  canPost: boolean;
  canModerate: boolean;
}

/** The community in the URL, with what this person may do in it. An invite-only one is a 404 to outsiders: they are not told it exists. */
export async function loadCommunity(request: FastifyRequest, communityId: string): Promise<CommunityRequest> {
  const ctx = workspaceContext(request);
  const { db } = request.server.deps;
  const community = await findCommunity(db, ctx.workspace.id, communityId);
  if (!community) throw new NotFoundError();
  const membership = await membershipOf(db, ctx.workspace.id, community.id, ctx.member.personId);
  const access: CommunityAccess = { member: ctx.member, visibility: community.visibility, role: membership?.role ?? null };
  if (!communityPolicy.see(access)) throw new NotFoundError();
  return {
    ctx,
    community,
    access,
    // Before a member's first visit, everything since they joined is new to them.
    lastVisitedAt: membership ? (membership.lastVisitedAt ?? membership.joinedAt) : null,
    base: `/w/${ctx.workspace.slug}/communities/${community.id}`,
    canPost: communityPolicy.post(access),
    canModerate: communityPolicy.moderate(access),
  };
}

/** For pages only the community's moderators (and workspace staff) use. */
export async function loadModeratedCommunity(request: FastifyRequest, communityId: string): Promise<CommunityRequest> {
  const loaded = await loadCommunity(request, communityId);
  if (!loaded.canModerate) throw new ForbiddenError('Only the community’s moderators can do this.');
  return loaded;
}

/** A thread of the community in the URL, with the community as `loadCommunity` gives it and the thread's own address. */
export async function loadThread(
  request: FastifyRequest,
  communityId: string,
  threadId: string,
): Promise<{ loaded: CommunityRequest; thread: Thread; back: string }> {
  const loaded = await loadCommunity(request, communityId);
  const thread = await findThread(request.server.deps.db, loaded.ctx.workspace.id, loaded.community.id, threadId);
  if (!thread) throw new NotFoundError();
  return { loaded, thread, back: `${loaded.base}/threads/${thread.id}` };
}
