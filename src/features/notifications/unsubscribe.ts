import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../core/audit.ts';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { writeSetting } from './save-settings.ts';
import { notificationSettings, unsubscribeLinks } from './tables.ts';

/** How long the link in an e-mail keeps working: long enough for an old digest, not for ever. */
const LINK_DAYS = 90;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * A new link for one e-mail to one person. The token is 32 random bytes, and
 * only its hash is stored: it cannot be guessed, made for someone else by
 * changing it, or read back from the database.
 */
export async function createUnsubscribeLink(tx: Executor, workspaceId: string, personId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(unsubscribeLinks).values({
    workspaceId,
    personId,
    tokenHash: hashOf(token),
    expiresAt: sql`now() + make_interval(days => ${LINK_DAYS})`,
  });
  return token;
}

export type UnsubscribeLinkState = 'ready' | 'used' | 'expired';

export interface UnsubscribeLink {
  id: string;
  workspaceId: string;
  workspaceName: string;
  personId: string;
  personName: string;
  state: UnsubscribeLinkState;
}

/** The link a token names, and whether it can still be used; undefined when no link has that token. */
export async function findUnsubscribeLink(db: Executor, token: string): Promise<UnsubscribeLink | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [found] = await rows<Omit<UnsubscribeLink, 'state'> & { usedAt: Date | null; expired: boolean }>(
    db,
    sql`select l.id, l.workspace_id as "workspaceId", w.name as "workspaceName", l.person_id as "personId", p.full_name as "personName",
          l.used_at as "usedAt", l.expires_at <= now() as expired
        from unsubscribe_links l
        join workspaces w on w.id = l.workspace_id
        join people p on p.workspace_id = l.workspace_id and p.id = l.person_id
        where l.token_hash = ${hashOf(token)}`,
  );
  if (!found) return undefined;
  const { usedAt, expired, ...link } = found;
  return { ...link, state: usedAt ? 'used' : expired ? 'expired' : 'ready' };
}

/**
 * Turn off all notification e-mail for the person the link was made for,
 * without signing in. The link is used up in the same transaction, so it
 * works once; a used or expired link changes nothing. Returns the link (with
 * its state, to say why when nothing was done) and whether it did.
 */
export async function unsubscribeWithLink(db: Db, token: string): Promise<{ link: UnsubscribeLink | undefined; done: boolean }> {
  const link = await findUnsubscribeLink(db, token);
  if (!link || link.state !== 'ready') return { link, done: false };
  const done = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(unsubscribeLinks)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(unsubscribeLinks.workspaceId, link.workspaceId),
          eq(unsubscribeLinks.id, link.id),
          isNull(unsubscribeLinks.usedAt),
          gt(unsubscribeLinks.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: unsubscribeLinks.id });
    // Another request used it a moment ago.
    if (!claimed) return false;
    // "Never" everywhere: their own setting, and no community set to anything else.
    await tx.delete(notificationSettings).where(and(eq(notificationSettings.workspaceId, link.workspaceId), eq(notificationSettings.personId, link.personId)));
    await writeSetting(tx, link.workspaceId, link.personId, null, 'never');
    await recordAudit(
      tx,
      link.workspaceId,
      { accountId: null, name: `${link.personName} (by the link in an e-mail)` },
      { action: 'notifications.unsubscribed', entityType: 'person', entityId: link.personId, summary: 'Turned off e-mail about notifications' },
    );
    return true;
  });
  return { link: done ? link : { ...link, state: 'used' }, done };
}
