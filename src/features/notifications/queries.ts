import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { notificationScopes, type Reader } from './scopes.ts';
import { emailFrequencies, type EmailFrequency } from './tables.ts';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  excerpt: string;
  path: string;
  createdAt: Date;
  readAt: Date | null;
  scopeKind: string | null;
  scopeId: string | null;
}

/** The notifications (alias n) this reader may see: none about a community they can no longer read. */
export function visibleTo(workspaceId: string, reader: Reader): SQL {
  const scoped = [...notificationScopes.entries()].map(
    ([kind, scope]) => sql`(n.scope_kind = ${kind} and n.scope_id in (${scope.visibleIds(workspaceId, reader)}))`,
  );
  return sql`n.workspace_id = ${workspaceId} and n.person_id = ${reader.personId}
    and (n.scope_kind is null ${scoped.length ? sql` or ${sql.join(scoped, sql` or `)}` : sql``})`;
}

export async function unreadCount(db: Executor, workspaceId: string, reader: Reader): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications n where ${visibleTo(workspaceId, reader)} and n.read_at is null`,
  );
  return row.n;
}

/** Newest first; `unreadOnly` for the home page. */
export function notificationsFor(
  db: Executor,
  workspaceId: string,
  reader: Reader,
  options: { limit: number; offset?: number; unreadOnly?: boolean },
): Promise<NotificationRow[]> {
  return rows<NotificationRow>(
    db,
    sql`select n.id, n.kind, n.title, n.excerpt, n.path, n.created_at as "createdAt", n.read_at as "readAt",
          n.scope_kind as "scopeKind", n.scope_id as "scopeId"
        from notifications n
        where ${visibleTo(workspaceId, reader)} ${options.unreadOnly ? sql`and n.read_at is null` : sql``}
        order by n.created_at desc, n.id
        limit ${options.limit} offset ${options.offset ?? 0}`,
  );
}

export async function countFor(db: Executor, workspaceId: string, reader: Reader): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from notifications n where ${visibleTo(workspaceId, reader)}`);
  return row.n;
}

export interface EmailSettings {
  /** The person's own default, daily when never chosen. */
  frequency: EmailFrequency;
  /** Per scope ("community:<id>"): the frequency chosen there. */
  byScope: Map<string, EmailFrequency>;
}

export const DEFAULT_FREQUENCY: EmailFrequency = 'daily';

export async function emailSettingsOf(db: Executor, workspaceId: string, personId: string): Promise<EmailSettings> {
  const found = await rows<{ scopeKind: string | null; scopeId: string | null; frequency: EmailFrequency }>(
    db,
    sql`select scope_kind as "scopeKind", scope_id as "scopeId", frequency from notification_settings
        where workspace_id = ${workspaceId} and person_id = ${personId}`,
  );
  const own = found.find((row) => row.scopeKind === null);
  return {
    frequency: own && emailFrequencies.includes(own.frequency) ? own.frequency : DEFAULT_FREQUENCY,
    byScope: new Map(found.filter((row) => row.scopeKind !== null).map((row) => [`${row.scopeKind}:${row.scopeId}`, row.frequency])),
  };
}

/** The places a person belongs to that have their own e-mail setting, by kind of scope. */
export async function scopesOf(db: Executor, workspaceId: string, personId: string) {
  const groups = await Promise.all(
    [...notificationScopes.entries()].map(async ([kind, scope]) =>
      (await scope.scopesOf(db, workspaceId, personId)).map((found) => ({ kind, noun: scope.noun, ...found })),
    ),
  );
  return groups.flat();
}
