import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../core/db/client.ts';
import { accounts, workspaceTables, workspaces } from '../../schema.ts';
import { memberships, invitations } from '../access/tables.ts';
import { auditEvents } from '../../core/db/tables.ts';

export const EXPORT_FORMAT = 'bridgework-workspace';
export const EXPORT_VERSION = 1;

type Row = Record<string, unknown>;

export interface WorkspaceExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  workspace: Row;
  /** Who the memberships, invitations and audit rows point at; never password hashes. */
  accounts: Array<{ id: string; email: string; name: string }>;
  tables: Record<string, Row[]>;
}

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: 'This is not a Bridgework workspace export' }),
  version: z.number().int().max(EXPORT_VERSION, 'This export comes from a newer Bridgework; upgrade first'),
  exportedAt: z.string(),
  workspace: z.object({ id: z.uuid(), slug: z.string().min(1), name: z.string().min(1) }).passthrough(),
  accounts: z.array(z.object({ id: z.uuid(), email: z.string().min(3), name: z.string() })),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/** Everything a workspace owns, table by table, as plain JSON. */
export async function exportWorkspace(db: Db, slug: string): Promise<WorkspaceExport> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  if (!workspace) throw new Error(`There is no workspace “${slug}”`);
  const tables: Record<string, Row[]> = {};
  for (const [name, table] of Object.entries(workspaceTables)) {
    const t = table as unknown as PgTable & { workspaceId: Parameters<typeof eq>[0] };
    tables[name] = await db.select().from(t).where(eq(t.workspaceId, workspace.id));
  }
  const accountIds = new Set<string>();
  for (const row of tables.memberships ?? []) accountIds.add(String(row.accountId));
  for (const row of tables.ssoIdentities ?? []) accountIds.add(String(row.accountId));
  for (const row of tables.invitations ?? []) if (row.invitedByAccountId) accountIds.add(row.invitedByAccountId as string);
  for (const row of tables.auditEvents ?? []) if (row.actorAccountId) accountIds.add(row.actorAccountId as string);
  const accountRows = accountIds.size
    ? await db
        .select({ id: accounts.id, email: accounts.email, name: accounts.name })
        .from(accounts)
        .where(inArray(accounts.id, [...accountIds]))
    : [];
  // Files (bytea columns) travel as base64 rather than as JSON arrays of bytes.
  const bytesAsBase64 = (_key: string, value: unknown) =>
    value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)
      ? { $base64: Buffer.from((value as { data: number[] }).data).toString('base64') }
      : value;
  return JSON.parse(
    JSON.stringify(
      { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), workspace, accounts: accountRows, tables },
      bytesAsBase64,
    ),
  ) as WorkspaceExport;
}

/** Turn JSON values back into what each column holds (dates as Date objects). */
function revive(table: PgTable, row: Row): Row {
  const columns = getTableColumns(table);
  const result: Row = {};
  for (const [key, column] of Object.entries(columns)) {
    if (!(key in row)) continue;
    const value = row[key];
    if (column.columnType === 'PgTimestamp' && typeof value === 'string') result[key] = new Date(value);
    else if (value && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string')
      result[key] = Buffer.from((value as { $base64: string }).$base64, 'base64');
    else result[key] = value;
  }
  return result;
}

export class ImportError extends Error {}

/**
 * Load an export into this database in one transaction: all of it or none.
 * Ids are kept, so a workspace moves between databases (PGlite to PostgreSQL)
 * intact. Accounts are matched by e-mail; new ones have no password until
 * their owner resets it.
 */
export async function importWorkspace(db: Db, data: unknown, options: { slug?: string } = {}): Promise<{ slug: string; rows: number }> {
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) throw new ImportError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; '));
  const input = parsed.data;
  const slug = options.slug ?? input.workspace.slug;
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: workspaces.id, slug: workspaces.slug })
      .from(workspaces)
      .where(sql`${workspaces.id} = ${input.workspace.id} or ${workspaces.slug} = ${slug}`);
    if (clash?.id === input.workspace.id) throw new ImportError('This workspace is already in this database');
    if (clash) throw new ImportError(`The address “${slug}” is taken; choose another with --slug`);
    await tx.insert(workspaces).values({ ...(revive(workspaces, input.workspace) as typeof workspaces.$inferInsert), slug });

    const accountIdMap = new Map<string, string>();
    for (const account of input.accounts) {
      const email = account.email.toLowerCase();
      const [existing] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(sql`lower(${accounts.email})`, email));
      const id = existing?.id ?? (await tx.insert(accounts).values({ email, name: account.name }).returning({ id: accounts.id }))[0].id;
      accountIdMap.set(account.id, id);
    }
    const mapAccount = (value: unknown) => (typeof value === 'string' ? (accountIdMap.get(value) ?? null) : null);

    let rows = 0;
    for (const [name, table] of Object.entries(workspaceTables)) {
      const source = input.tables[name] ?? [];
      if (source.length === 0) continue;
      const values = source.map((row) => {
        const revived = revive(table, { ...row, workspaceId: input.workspace.id });
        if (table === memberships) revived.accountId = mapAccount(row.accountId);
        if (table === invitations) revived.invitedByAccountId = mapAccount(row.invitedByAccountId);
        if (table === auditEvents) revived.actorAccountId = mapAccount(row.actorAccountId);
        return revived;
      });
      for (let i = 0; i < values.length; i += 500) {
        await tx.insert(table).values(values.slice(i, i + 500) as never);
      }
      rows += values.length;
    }
    return { slug, rows };
  });
}
