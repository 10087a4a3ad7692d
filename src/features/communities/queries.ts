import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';
import { people } from '../people/tables.ts';
import {
  communities,
  communityAttachmentFiles,
  communityAttachments,
  communityMembers,
  communityPosts,
  communityThreads,
  type CommunityRole,
} from './tables.ts';

export type Community = typeof communities.$inferSelect;
export type Thread = typeof communityThreads.$inferSelect;

export async function findCommunity(db: Executor, workspaceId: string, id: string): Promise<Community | undefined> {
  const [row] = await db
    .select()
    .from(communities)
    .where(and(eq(communities.workspaceId, workspaceId), eq(communities.id, id)));
  return row;
}

export async function membershipOf(db: Executor, workspaceId: string, communityId: string, personId: string) {
  const [row] = await db
    .select({ role: communityMembers.role, lastVisitedAt: communityMembers.lastVisitedAt, joinedAt: communityMembers.joinedAt })
    .from(communityMembers)
    .where(and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, communityId), eq(communityMembers.personId, personId)));
  return row;
}

/**
 * The communities this person can see, with their membership and what is new
 * since their last visit. Invite-only ones appear only to their members and staff.
 */
export function communitiesFor(db: Executor, workspaceId: string, member: Member) {
  const staff = isStaff(member.role);
  return rows<{
    id: string;
    name: string;
    description: string;
    visibility: 'open' | 'invite_only';
    programmeName: string | null;
    members: number;
    threads: number;
    role: CommunityRole | null;
    newThreads: number;
    lastPostAt: Date | null;
  }>(
    db,
    sql`select c.id, c.name, c.description, c.visibility, p.name as "programmeName",
          (select count(*)::int from community_members m where m.workspace_id = c.workspace_id and m.community_id = c.id) as members,
          (select count(*)::int from community_threads t where t.workspace_id = c.workspace_id and t.community_id = c.id) as threads,
          mine.role,
          (select count(*)::int from community_threads t where t.workspace_id = c.workspace_id and t.community_id = c.id
             and mine.role is not null and t.last_post_at > coalesce(mine.last_visited_at, mine.joined_at)) as "newThreads",
          (select max(t.last_post_at) from community_threads t where t.workspace_id = c.workspace_id and t.community_id = c.id) as "lastPostAt"
        from communities c
        left join programmes p on p.workspace_id = c.workspace_id and p.id = c.programme_id
        left join community_members mine on mine.workspace_id = c.workspace_id and mine.community_id = c.id and mine.person_id = ${member.personId}
        where c.workspace_id = ${workspaceId} and (c.visibility = 'open' or mine.role is not null or ${staff})
        order by mine.role is null, c.name`,
  );
}

/** A community's threads, most recently active first, each marked new when it moved since the member's last visit. */
export function threadsOf(db: Executor, workspaceId: string, communityId: string, since: Date | null) {
  return rows<{
    id: string;
    kind: 'discussion' | 'challenge';
    title: string;
    author: string | null;
    replyCount: number;
    lastPostAt: Date;
    solvedAt: Date | null;
    lockedAt: Date | null;
    isNew: boolean;
  }>(
    db,
    sql`select t.id, t.kind, t.title, a.full_name as author, t.reply_count as "replyCount", t.last_post_at as "lastPostAt",
          t.solved_at as "solvedAt", t.locked_at as "lockedAt",
          (${since}::timestamptz is not null and t.last_post_at > ${since}::timestamptz) as "isNew"
        from community_threads t
        left join people a on a.workspace_id = t.workspace_id and a.id = t.author_person_id
        where t.workspace_id = ${workspaceId} and t.community_id = ${communityId}
        order by t.last_post_at desc
        limit 200`,
  );
}

export async function findThread(db: Executor, workspaceId: string, communityId: string, threadId: string): Promise<Thread | undefined> {
  const [row] = await db
    .select()
    .from(communityThreads)
    .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.communityId, communityId), eq(communityThreads.id, threadId)));
  return row;
}

/** A thread's opening author's name, or null once they are gone. */
export async function threadAuthorName(db: Executor, workspaceId: string, thread: Pick<Thread, 'authorPersonId'>): Promise<string | null> {
  if (!thread.authorPersonId) return null;
  const [row] = await db
    .select({ name: people.fullName })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, thread.authorPersonId)));
  return row?.name ?? null;
}

export function postsOf(db: Executor, workspaceId: string, threadId: string) {
  return db
    .select({
      id: communityPosts.id,
      body: communityPosts.body,
      helpful: communityPosts.helpful,
      hiddenAt: communityPosts.hiddenAt,
      editedAt: communityPosts.editedAt,
      createdAt: communityPosts.createdAt,
      authorPersonId: communityPosts.authorPersonId,
      author: people.fullName,
    })
    .from(communityPosts)
    .leftJoin(people, and(eq(people.workspaceId, communityPosts.workspaceId), eq(people.id, communityPosts.authorPersonId)))
    .where(and(eq(communityPosts.workspaceId, workspaceId), eq(communityPosts.threadId, threadId)))
    .orderBy(asc(communityPosts.createdAt), asc(communityPosts.id));
}

/** The files shared in a thread (not their bytes), oldest first; postId null for the opening's. */
export function attachmentsOf(db: Executor, workspaceId: string, threadId: string) {
  return db
    .select({
      id: communityAttachments.id,
      postId: communityAttachments.postId,
      filename: communityAttachments.filename,
      mimetype: communityAttachments.mimetype,
      sizeBytes: communityAttachments.sizeBytes,
    })
    .from(communityAttachments)
    .where(and(eq(communityAttachments.workspaceId, workspaceId), eq(communityAttachments.threadId, threadId)))
    .orderBy(asc(communityAttachments.createdAt), asc(communityAttachments.id));
}

/** A shared file with its bytes and whether its post is hidden, for download. */
export async function attachmentFile(db: Executor, workspaceId: string, threadId: string, attachmentId: string) {
  const [row] = await db
    .select({
      filename: communityAttachments.filename,
      mimetype: communityAttachments.mimetype,
      data: communityAttachmentFiles.data,
      hiddenAt: communityPosts.hiddenAt,
    })
    .from(communityAttachments)
    .innerJoin(
      communityAttachmentFiles,
      and(eq(communityAttachmentFiles.workspaceId, communityAttachments.workspaceId), eq(communityAttachmentFiles.attachmentId, communityAttachments.id)),
    )
    .leftJoin(communityPosts, and(eq(communityPosts.workspaceId, communityAttachments.workspaceId), eq(communityPosts.id, communityAttachments.postId)))
    .where(and(eq(communityAttachments.workspaceId, workspaceId), eq(communityAttachments.threadId, threadId), eq(communityAttachments.id, attachmentId)));
  return row;
}

export function membersOf(db: Executor, workspaceId: string, communityId: string) {
  return db
    .select({ personId: communityMembers.personId, role: communityMembers.role, name: people.fullName, jobTitle: people.jobTitle })
    .from(communityMembers)
    .innerJoin(people, and(eq(people.workspaceId, communityMembers.workspaceId), eq(people.id, communityMembers.personId)))
    .where(and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, communityId)))
    .orderBy(desc(communityMembers.role), asc(people.fullName));
}

/** People who can be added: everyone in the workspace not yet in the community. */
export function peopleToAdd(db: Executor, workspaceId: string, communityId: string) {
  return rows<{ id: string; fullName: string }>(
    db,
    sql`select p.id, p.full_name as "fullName" from people p
        where p.workspace_id = ${workspaceId}
          and not exists (select 1 from community_members m where m.workspace_id = p.workspace_id and m.community_id = ${communityId} and m.person_id = p.id)
        order by p.full_name`,
  );
}

/** Reports waiting for the moderators, newest first, with the post they are about. */
export function openReports(db: Executor, workspaceId: string, communityId: string) {
  return rows<{ id: string; threadId: string; threadTitle: string; postId: string | null; reason: string; reporter: string | null; createdAt: Date }>(
    db,
    sql`select r.id, r.thread_id as "threadId", t.title as "threadTitle", r.post_id as "postId", r.reason, p.full_name as reporter, r.created_at as "createdAt"
        from community_reports r
        join community_threads t on t.workspace_id = r.workspace_id and t.id = r.thread_id
        left join people p on p.workspace_id = r.workspace_id and p.id = r.reported_by_person_id
        where r.workspace_id = ${workspaceId} and t.community_id = ${communityId} and r.resolved_at is null
        order by r.created_at desc`,
  );
}

/**
 * Threads that match a search, in the order of the search's ranking, kept to
 * the communities this person can see: an invitation-only community's threads
 * are found only by its members and staff.
 */
export async function threadsMatching(db: Executor, workspaceId: string, member: Member, threadIds: string[]) {
  if (!threadIds.length) return [];
  const staff = isStaff(member.role);
  const found = await rows<{
    id: string;
    communityId: string;
    community: string;
    kind: 'discussion' | 'challenge';
    title: string;
    replyCount: number;
    solvedAt: Date | null;
    lastPostAt: Date;
  }>(
    db,
    sql`select t.id, t.community_id as "communityId", c.name as community, t.kind, t.title, t.reply_count as "replyCount", t.solved_at as "solvedAt", t.last_post_at as "lastPostAt"
        from community_threads t
        join communities c on c.workspace_id = t.workspace_id and c.id = t.community_id
        left join community_members m on m.workspace_id = c.workspace_id and m.community_id = c.id and m.person_id = ${member.personId}
        where t.workspace_id = ${workspaceId} and t.id in (${sql.join(
          threadIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          and (c.visibility = 'open' or m.person_id is not null or ${staff})`,
  );
  const order = new Map(threadIds.map((id, index) => [id, index]));
  return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
