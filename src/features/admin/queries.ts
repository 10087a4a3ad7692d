import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { accounts, auditEvents, mailMessages } from '../../core/db/tables.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { Page } from '../../core/http/pagination.ts';
import { memberships } from '../access/tables.ts';
import { likePattern } from '../../core/db/like.ts';

export async function listAuditEvents(db: Executor, workspaceId: string, filters: { q?: string; entityType?: string }, page: Page) {
  const conditions: SQL[] = [eq(auditEvents.workspaceId, workspaceId)];
  if (filters.q) conditions.push(or(ilike(auditEvents.summary, likePattern(filters.q)), ilike(auditEvents.actorName, likePattern(filters.q)))!);
  if (filters.entityType) conditions.push(eq(auditEvents.entityType, filters.entityType));
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.createdAt), desc(auditEvents.id)).limit(page.size).offset(page.offset),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total };
}

export async function auditEntityTypes(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entityType: auditEvents.entityType })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(auditEvents.entityType);
  return rows.map((row) => row.entityType);
}

/**
 * The workspace's mail, plus account mail (password resets) sent to its own
 * members: an administrator can pass those on when the server cannot send mail.
 */
function outboxScope(db: Executor, workspaceId: string): SQL {
  const memberEmails = db
    .select({ email: accounts.email })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.workspaceId, workspaceId));
  return or(eq(mailMessages.workspaceId, workspaceId), and(isNull(mailMessages.workspaceId), inArray(mailMessages.toAddress, memberEmails)))!;
}

export async function listOutbox(db: Executor, workspaceId: string, page: Page) {
  const where = outboxScope(db, workspaceId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: mailMessages.id,
        kind: mailMessages.kind,
        toAddress: mailMessages.toAddress,
        subject: mailMessages.subject,
        status: mailMessages.status,
        createdAt: mailMessages.createdAt,
      })
      .from(mailMessages)
      .where(where)
      .orderBy(desc(mailMessages.createdAt))
      .limit(page.size)
      .offset(page.offset),
    db.select({ total: count() }).from(mailMessages).where(where),
  ]);
  return { rows, total };
}

export async function findOutboxMessage(db: Executor, workspaceId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.id, id), outboxScope(db, workspaceId)));
  return row;
}
