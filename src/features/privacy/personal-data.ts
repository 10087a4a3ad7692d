import { and, eq, sql, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { accounts, auditEvents, mailMessages } from '../../core/db/tables.ts';
import { workspaceTables } from '../../schema.ts';
import { memberships } from '../access/tables.ts';
import { people } from '../people/tables.ts';

type Row = Record<string, unknown>;

/**
 * Each workspace table's columns that name a person or their sign-in account,
 * read from the schema: a new feature's tables are found without a list to
 * keep. (Memberships are found by the person; the audit trail is shown as activity.)
 */
function personColumns(): Array<{ name: string; table: PgTable; column: Column; names: 'person' | 'account' }> {
  type Found = { name: string; table: PgTable; column: Column; names: 'person' | 'account' };
  return Object.entries(workspaceTables).flatMap(([name, entry]): Found[] => {
    const table = entry as unknown as PgTable;
    if (table === people) return [];
    return getTableConfig(table)
      .foreignKeys.map((key) => key.reference())
      .flatMap((reference): Found[] => {
        // Keys to people run through the workspace as well: (workspace_id, person_id).
        const columns = reference.columns.filter((column) => column.name !== 'workspace_id');
        if (columns.length !== 1) return [];
        if (reference.foreignTable === people) return [{ name, table, column: columns[0], names: 'person' }];
        const byAccount = reference.foreignTable === accounts && table !== memberships && table !== auditEvents;
        return byAccount ? [{ name, table, column: columns[0], names: 'account' }] : [];
      });
  });
}

/** Files travel as their size: the export says a file is held (and the page it is on), not its bytes. */
function withoutBytes(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? { bytes: value.length } : value]));
}

const ACRONYMS: Record<string, string> = { sso: 'Single sign-on', api: 'API' };
/** "sessionFeedback" as a person reads it: "Session feedback" ("ssoIdentities": "Single sign-on identities"). */
export const tableLabel = (name: string): string => {
  const acronym = Object.keys(ACRONYMS).find((prefix) => new RegExp(`^${prefix}[A-Z]`).test(name));
  if (acronym) return `${ACRONYMS[acronym]} ${tableLabel(name.slice(acronym.length)).trim().toLowerCase()}`;
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export interface PersonalData {
  format: 'bridgework-personal-data';
  exportedAt: string;
  workspace: { slug: string; name: string };
  person: Row;
  /** The sign-in identity, without its password hash; none for someone who never had access. */
  account: { email: string; name: string; createdAt: unknown } | null;
  /** Every record that names the person, by table and the column that names them. */
  records: Array<{ table: string; label: string; column: string; rows: Row[] }>;
  /** What the audit trail records them doing in this workspace. */
  activity: Row[];
  /** E-mail this workspace sent them. */
  emails: Row[];
}

/**
 * Everything a workspace holds about one person (UK GDPR's right of access):
 * their profile, their account, every row of every workspace table that
 * names them, what the audit trail records them doing, and the e-mail sent to
 * them. Returns undefined when the person is not in the workspace.
 */
export async function personalDataOf(tx: Executor, workspace: { id: string; slug: string; name: string }, personId: string): Promise<PersonalData | undefined> {
  const [person] = await tx
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, workspace.id), eq(people.id, personId)));
  if (!person) return undefined;
  const [account] = await tx
    .select({ id: accounts.id, email: accounts.email, name: accounts.name, createdAt: accounts.createdAt })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.personId, personId)));
  const records: PersonalData['records'] = [];
  for (const { name, table, column, names } of personColumns()) {
    const named = names === 'person' ? personId : account?.id;
    if (!named) continue;
    const workspaceColumn = (table as unknown as { workspaceId: Column }).workspaceId;
    const found = await tx
      .select()
      .from(table)
      .where(and(eq(workspaceColumn, workspace.id), eq(column, named)));
    if (found.length) records.push({ table: name, label: tableLabel(name), column: column.name, rows: found.map(withoutBytes) });
  }
  const activity = account
    ? await tx
        .select({ at: auditEvents.createdAt, action: auditEvents.action, summary: auditEvents.summary })
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspace.id), eq(auditEvents.actorAccountId, account.id)))
        .orderBy(auditEvents.createdAt)
    : [];
  const addresses = [person.email, account?.email].filter((address): address is string => Boolean(address)).map((address) => address.toLowerCase());
  const emails = addresses.length
    ? await tx
        .select({ at: mailMessages.createdAt, to: mailMessages.toAddress, subject: mailMessages.subject, status: mailMessages.status })
        .from(mailMessages)
        .where(
          and(
            eq(mailMessages.workspaceId, workspace.id),
            sql`lower(${mailMessages.toAddress}) IN (${sql.join(
              addresses.map((address) => sql`${address}`),
              sql`, `,
            )})`,
          ),
        )
        .orderBy(mailMessages.createdAt)
    : [];
  return {
    format: 'bridgework-personal-data',
    exportedAt: new Date().toISOString(),
    workspace: { slug: workspace.slug, name: workspace.name },
    person: withoutBytes(person),
    account: account ? { email: account.email, name: account.name, createdAt: account.createdAt } : null,
    records,
    activity,
    emails,
  };
}
