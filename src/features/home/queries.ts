import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { auditEvents } from '../../core/db/tables.ts';

/** The latest entries of the audit log, for staff on the home page. */
export async function recentActivity(db: Executor, workspaceId: string, limit = 8) {
  return db
    .select({ summary: auditEvents.summary, actorName: auditEvents.actorName, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
