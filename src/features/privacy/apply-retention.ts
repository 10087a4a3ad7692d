import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { auditEvents, mailMessages, workspaces } from '../../core/db/tables.ts';
import { operatorMember, runOperation } from '../../core/operations.ts';
import { notifications } from '../notifications/tables.ts';
import { countOf, formatMonths } from '../../core/views/format.ts';
import { RETENTION_KINDS } from './retention.ts';
import { privacySettings, type RetentionKind } from './tables.ts';

const ACTOR = { accountId: null, name: 'Retention rules' };

/** The dated column of each kind, and its table: what a purge deletes. */
const KINDS = {
  mail: { table: mailMessages, workspaceId: mailMessages.workspaceId, at: mailMessages.createdAt },
  notifications: { table: notifications, workspaceId: notifications.workspaceId, at: notifications.createdAt },
  audit: { table: auditEvents, workspaceId: auditEvents.workspaceId, at: auditEvents.createdAt },
} as const;

/**
 * Delete, in each workspace that chose limits, the records older than it
 * keeps them: one transaction per workspace, recorded in its audit log (the
 * record of a purge is written after it, so it outlives the purge itself).
 */
export async function applyRetention(db: Db, now = new Date()): Promise<Array<{ workspaceId: string; kind: RetentionKind; deleted: number }>> {
  const settings = await db
    .select({
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isExample: workspaces.isExample },
      retention: privacySettings.retention,
    })
    .from(privacySettings)
    .innerJoin(workspaces, eq(workspaces.id, privacySettings.workspaceId));
  const done: Array<{ workspaceId: string; kind: RetentionKind; deleted: number }> = [];
  for (const { workspace, retention } of settings) {
    const kinds = RETENTION_KINDS.filter(({ kind }) => retention[kind]);
    if (!kinds.length) continue;
    await runOperation(
      db,
      { workspace, member: operatorMember, actor: ACTOR },
      'apply the retention rules',
      async ({ tx, authorize, audit }) => {
        authorize(true);
        for (const { kind, noun } of kinds) {
          const months = retention[kind]!;
          const { table, workspaceId, at } = KINDS[kind];
          const before = new Date(now);
          before.setMonth(before.getMonth() - months);
          const deleted = await tx
            .delete(table)
            .where(and(eq(workspaceId, workspace.id), lt(at, before)))
            .returning({ one: sql`1` });
          if (!deleted.length) continue;
          done.push({ workspaceId: workspace.id, kind, deleted: deleted.length });
          await audit({
            action: 'privacy.retention_applied',
            entityType: 'workspace',
            entityId: workspace.id,
            summary: `Deleted ${countOf(deleted.length, noun[0], noun[1])} older than ${formatMonths(months)}, as the retention rules say`,
          });
        }
      },
      { auditOptional: true },
    );
  }
  return done;
}
