import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from './db/client.ts';
import { auditEvents } from './db/tables.ts';

export interface Actor {
  accountId: string | null;
  name: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Audit rows written while handling one request, for the test suite's check
 * that every form and action leaves a trace. Only followed when a request is
 * run inside `auditTrace.run` (the tests do so); otherwise it costs nothing.
 */
export const auditTrace = new AsyncLocalStorage<{ actions: string[] }>();

/** Write one audit row; call it inside the operation's transaction so both land or neither does. */
export async function recordAudit(db: Executor, workspaceId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  auditTrace.getStore()?.actions.push(entry.action);
  await db.insert(auditEvents).values({
    workspaceId,
    actorAccountId: actor.accountId,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: entry.summary,
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
  });
}

/** The fields that differ between two versions of a record, for the audit trail. */
export function changedFields(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    const previous = (before as Record<string, unknown>)[key];
    if (JSON.stringify(previous ?? null) !== JSON.stringify(value ?? null)) changes[key] = { from: previous ?? null, to: value ?? null };
  }
  return changes;
}
