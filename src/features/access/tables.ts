import { index, pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { accounts, workspaces, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { roles } from '../../core/auth/roles.ts';

/** An account's place in a workspace: its role and the person record it signs in as. */
export const memberships = pgTable(
  'memberships',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    role: text('role', { enum: roles }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('memberships_workspace_account_key').on(t.workspaceId, t.accountId),
    uniqueIndex('memberships_workspace_person_key').on(t.workspaceId, t.personId),
    index('memberships_account_idx').on(t.accountId),
    primaryKey({ name: 'memberships_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: roles }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedByAccountId: uuid('invited_by_account_id').references(() => accounts.id, { onDelete: 'set null' }),
    expiresAt: timestampColumn('expires_at').notNull(),
    acceptedAt: timestampColumn('accepted_at'),
    revokedAt: timestampColumn('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitations_workspace_person_idx').on(t.workspaceId, t.personId),
    primaryKey({ name: 'invitations_pkey', columns: [t.id, t.workspaceId] }),
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash, t.workspaceId),
    inWorkspace(t.workspaceId, t.personId, people).onDelete('cascade'),
  ],
);
