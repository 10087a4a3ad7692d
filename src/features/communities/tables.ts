import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { programmes } from '../programmes/tables.ts';

const workspaceId = workspaceIdColumn;

export const communityVisibilities = ['open', 'invite_only'] as const;
export type CommunityVisibility = (typeof communityVisibilities)[number];

/**
 * A community of interest: "Hub leads", "Early language policy". Open ones
 * anyone in the workspace can read and join; invite-only ones only their
 * members (and the workspace's staff) see at all. It may belong to a programme.
 */
export const communities = pgTable(
  'communities',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    visibility: text('visibility', { enum: communityVisibilities }).notNull().default('open'),
    programmeId: uuid('programme_id'),
    createdByPersonId: uuid('created_by_person_id'),
    /** The secret in the address of its events' calendar feed, which calendar apps fetch without signing in. */
    calendarToken: text('calendar_token')
      .notNull()
      .default(sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('communities_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('communities_programme_idx').on(t.workspaceId, t.programmeId),
    primaryKey({ name: 'communities_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('set null'),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

export const communityRoles = ['member', 'moderator'] as const;
export type CommunityRole = (typeof communityRoles)[number];

/** A person in a community; moderators run it. The last visit marks what is new for them. */
export const communityMembers = pgTable(
  'community_members',
  {
    workspaceId: workspaceId(),
    communityId: uuid('community_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role', { enum: communityRoles }).notNull().default('member'),
    lastVisitedAt: timestampColumn('last_visited_at'),
    joinedAt: timestampColumn('joined_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'community_members_pkey', columns: [t.communityId, t.personId, t.workspaceId] }),
    index('community_members_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.communityId, communities).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const threadKinds = ['discussion', 'challenge'] as const;
export type ThreadKind = (typeof threadKinds)[number];

/**
 * A discussion, or a challenge: a problem a member describes, which others
 * answer and the author marks solved once some answers helped. The opening
 * post is the thread's own body.
 */
export const communityThreads = pgTable(
  'community_threads',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    communityId: uuid('community_id').notNull(),
    kind: text('kind', { enum: threadKinds }).notNull().default('discussion'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorPersonId: uuid('author_person_id'),
    replyCount: integer('reply_count').notNull().default(0),
    lastPostAt: timestampColumn('last_post_at').notNull().defaultNow(),
    solvedAt: timestampColumn('solved_at'),
    lockedAt: timestampColumn('locked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('community_threads_community_idx').on(t.workspaceId, t.communityId, t.lastPostAt),
    primaryKey({ name: 'community_threads_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.communityId, communities).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.authorPersonId, people).onDelete('set null'),
  ],
);

/** A reply in a thread. On a challenge, the author marks the replies that helped. */
export const communityPosts = pgTable(
  'community_posts',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    threadId: uuid('thread_id').notNull(),
    body: text('body').notNull(),
    authorPersonId: uuid('author_person_id'),
    helpful: boolean('helpful').notNull().default(false),
    /** Hidden by a moderator: kept, and shown to moderators, but not to members. */
    hiddenAt: timestampColumn('hidden_at'),
    /** When its author last changed it, shown beside it so readers know. */
    editedAt: timestampColumn('edited_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('community_posts_thread_idx').on(t.workspaceId, t.threadId, t.createdAt),
    check('community_posts_body_length', sql`length(${t.body}) <= 20000`),
    primaryKey({ name: 'community_posts_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.threadId, communityThreads).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.authorPersonId, people).onDelete('set null'),
  ],
);

/** A member's report of a post (or of a thread's opening, when there is no post) to the community's moderators. */
export const communityReports = pgTable(
  'community_reports',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    threadId: uuid('thread_id').notNull(),
    postId: uuid('post_id'),
    reason: text('reason').notNull(),
    reportedByPersonId: uuid('reported_by_person_id'),
    resolvedAt: timestampColumn('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('community_reports_thread_idx').on(t.workspaceId, t.threadId, t.resolvedAt),
    primaryKey({ name: 'community_reports_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.threadId, communityThreads).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.postId, communityPosts).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.reportedByPersonId, people).onDelete('set null'),
  ],
);

/**
 * Who follows a thread, and so hears of its replies. The author and each
 * person who replies follow it; anyone may follow or stop following, and a
 * stop is kept (following false) so that replying again does not undo it.
 */
export const threadFollowers = pgTable(
  'community_thread_followers',
  {
    workspaceId: workspaceId(),
    threadId: uuid('thread_id').notNull(),
    personId: uuid('person_id').notNull(),
    following: boolean('following').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'community_thread_followers_pkey', columns: [t.threadId, t.personId, t.workspaceId] }),
    index('community_thread_followers_person_idx').on(t.workspaceId, t.personId),
    inWorkspace(t.workspaceId, t.threadId, communityThreads).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

/**
 * A file shared in a thread: with its opening (no post) or with a reply. Its
 * kind was checked against its bytes on the way in; the bytes live apart so
 * listing a thread's files never reads them.
 */
export const communityAttachments = pgTable(
  'community_attachments',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    threadId: uuid('thread_id').notNull(),
    postId: uuid('post_id'),
    filename: text('filename').notNull(),
    mimetype: text('mimetype').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    addedByPersonId: uuid('added_by_person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('community_attachments_thread_idx').on(t.workspaceId, t.threadId),
    primaryKey({ name: 'community_attachments_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.threadId, communityThreads).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.postId, communityPosts).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.addedByPersonId, people).onDelete('set null'),
  ],
);

export const communityAttachmentFiles = pgTable(
  'community_attachment_files',
  {
    attachmentId: uuid('attachment_id').notNull(),
    workspaceId: workspaceId(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ name: 'community_attachment_files_pkey', columns: [t.attachmentId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.attachmentId, communityAttachments).onDelete('cascade'),
  ],
);
