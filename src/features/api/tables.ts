import { index, pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';
import { memberships } from '../access/tables.ts';

export const apiAccessLevels = ['read', 'read-write'] as const;
export type ApiAccess = (typeof apiAccessLevels)[number];

/**
 * A personal API token: it acts as its member, with their role, in one
 * workspace. Only a hash is kept; the token is shown once, when made.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').notNull(),
    name: text('name').notNull(),
    access: text('access', { enum: apiAccessLevels }).notNull(),
    /** SHA-256 of the token: the token itself is 256 random bits, so a fast hash is safe. */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, so its owner can tell tokens apart. */
    prefix: text('prefix').notNull(),
    expiresAt: timestampColumn('expires_at'),
    lastUsedAt: timestampColumn('last_used_at'),
    revokedAt: timestampColumn('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash, t.workspaceId),
    index('api_tokens_membership_idx').on(t.workspaceId, t.membershipId),
    primaryKey({ name: 'api_tokens_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.membershipId, memberships).onDelete('cascade'),
  ],
);
