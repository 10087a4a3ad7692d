import { boolean, index, integer, pgTable, text, uniqueIndex, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, timestampColumn, updatedAt, rowId } from '../../core/db/columns.ts';
import { accounts, workspaceIdColumn, inWorkspace } from '../../core/db/tables.ts';
import { roles } from '../../core/auth/roles.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';

/** A workspace's OpenID Connect provider (Microsoft Entra ID, Google Workspace, any standard one): one per workspace. */
export const ssoProviders = pgTable(
  'sso_providers',
  {
    workspaceId: workspaceIdColumn().primaryKey(),
    /** Shown on the sign-in button: "Sign in with …". */
    displayName: text('display_name').notNull(),
    /** The issuer; its settings are read from /.well-known/openid-configuration below it. */
    issuerUrl: text('issuer_url').notNull(),
    clientId: text('client_id').notNull(),
    /** Needed in the clear to sign in with; never shown again once saved. */
    clientSecret: text('client_secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedByPersonId: uuid('updated_by_person_id'),
    updatedAt: updatedAt(),
  },
  (t) => [inWorkspace(t.workspaceId, t.updatedByPersonId, people).onDelete('set null')],
);

/**
 * Who may join the workspace through single sign-on, and as what: a rule
 * matches an e-mail domain or a claim's value, and gives an organisation and a
 * role. The first matching rule (by position) is used.
 */
export const ssoRules = pgTable(
  'sso_rules',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    position: integer('position').notNull(),
    /** Matches e-mail addresses at this domain (lower case, no @). */
    emailDomain: text('email_domain'),
    /** Or: a claim in the provider's answer (such as `groups`), and the value it must hold. */
    claimName: text('claim_name'),
    claimValue: text('claim_value'),
    organisationId: uuid('organisation_id'),
    role: text('role', { enum: roles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('sso_rules_workspace_idx').on(t.workspaceId, t.position),
    index('sso_rules_domain_idx').on(t.emailDomain),
    primaryKey({ name: 'sso_rules_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.organisationId, organisations).onDelete('set null'),
  ],
);

/** An account's identity at a workspace's provider (issuer and subject), so a changed e-mail address still signs in the same person. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    id: rowId(),
    workspaceId: workspaceIdColumn(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestampColumn('last_used_at'),
  },
  (t) => [
    uniqueIndex('sso_identities_subject_key').on(t.workspaceId, t.issuer, t.subject),
    index('sso_identities_account_idx').on(t.accountId),
    primaryKey({ name: 'sso_identities_pkey', columns: [t.id, t.workspaceId] }),
  ],
);

/**
 * A sign-in on its way through the provider: the values the answer must match
 * (state, nonce) and the PKCE verifier, found again by the browser's cookie.
 * Used once, and only for a few minutes.
 */
export const ssoAttempts = pgTable(
  'sso_attempts',
  {
    /** SHA-256 of the cookie's token. */
    id: text('id').notNull(),
    workspaceId: workspaceIdColumn(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nextPath: text('next_path'),
    expiresAt: timestampColumn('expires_at').notNull(),
  },
  (t) => [index('sso_attempts_expires_idx').on(t.expiresAt), primaryKey({ name: 'sso_attempts_pkey', columns: [t.id, t.workspaceId] })],
);
