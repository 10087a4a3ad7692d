import { sql, type SQL } from 'drizzle-orm';
import { isStaff, type Role } from '../../core/auth/roles.ts';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Mailer } from '../../core/mailer.ts';
import { countOf, formatDateTime, formatLongDate } from '../../core/views/format.ts';
import type { ViewEnvironment } from '../../core/views/render.ts';
import { visibleTo } from './queries.ts';
import { notificationScopes } from './scopes.ts';
import type { EmailFrequency } from './tables.ts';
import { createUnsubscribeLink } from './unsubscribe.ts';

export const NOTIFICATION_EMAIL_JOB = 'notifications.email';

/** Digests go out at this London time: daily each morning, weekly on Monday mornings. */
const DIGEST_TIME = '07:00';

/** The last daily and weekly digest times at or before `now`. */
export function digestBoundaries(now: Date): { daily: Date; weekly: Date } {
  const today = londonToday(now);
  let day = londonInstant(today, DIGEST_TIME) <= now ? today : addDays(today, -1);
  const daily = londonInstant(day, DIGEST_TIME);
  // Back to the Monday (getUTCDay of a calendar date at noon is its weekday).
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = addDays(day, -1);
  return { daily, weekly: londonInstant(day, DIGEST_TIME) };
}

interface Pending {
  id: string;
  personId: string;
  createdAt: Date;
  frequency: EmailFrequency;
}

interface Recipient {
  email: string | null;
  fullName: string;
  role: Role | null;
}

interface Sent {
  id: string;
  title: string;
  excerpt: string;
  path: string;
  createdAt: Date;
  scopeKind: string | null;
  scopeId: string | null;
}

export interface EmailRun {
  emails: number;
  notifications: number;
  skipped: number;
}

export interface NotificationEmailDeps {
  mailer: Mailer;
  views: ViewEnvironment;
  publicUrl: string;
}

/**
 * The job behind every notification e-mail, run each minute by the queue:
 * for each person, what waits to be e-mailed and is due by their settings
 * (straight away; the daily digest after 7am; the weekly one after 7am on
 * Monday) goes in one e-mail. A notification is claimed before its e-mail is
 * written, so it is e-mailed once; ones about a community the person can no
 * longer see, or set to "never", are marked as not to be sent.
 */
export async function sendNotificationEmails(db: Db, deps: NotificationEmailDeps, now = new Date()): Promise<EmailRun> {
  const run: EmailRun = { emails: 0, notifications: 0, skipped: 0 };
  const boundaries = digestBoundaries(now);
  const workspaces = await rows<{ id: string; slug: string; name: string }>(
    db,
    sql`select distinct w.id, w.slug, w.name from workspaces w
        where exists (select 1 from notifications n where n.workspace_id = w.id and n.email_state = 'pending')`,
  );
  for (const workspace of workspaces) {
    const pending = await rowsWithDates<Pending>(
      db,
      sql`select n.id, n.person_id as "personId", n.created_at as "createdAt", coalesce(own_scope.frequency, own.frequency, 'daily') as frequency
          from notifications n
          left join notification_settings own_scope on own_scope.workspace_id = n.workspace_id and own_scope.person_id = n.person_id
            and own_scope.scope_kind = n.scope_kind and own_scope.scope_id = n.scope_id
          left join notification_settings own on own.workspace_id = n.workspace_id and own.person_id = n.person_id and own.scope_kind is null
          where n.workspace_id = ${workspace.id} and n.email_state = 'pending'`,
    );
    const never = pending.filter((n) => n.frequency === 'never').map((n) => n.id);
    run.skipped += await markNotSent(db, workspace.id, never);
    const due = pending.filter(
      (n) =>
        n.frequency === 'immediately' ||
        (n.frequency === 'daily' && n.createdAt < boundaries.daily) ||
        (n.frequency === 'weekly' && n.createdAt < boundaries.weekly),
    );
    const byPerson = groupedBy(due, (n) => n.personId);
    for (const [personId, waiting] of byPerson) {
      const sent = await sendTo(db, deps, workspace, personId, waiting, now);
      run.emails += sent.emailed ? 1 : 0;
      run.notifications += sent.emailed;
      run.skipped += sent.skipped;
    }
  }
  return run;
}

/** Rows of raw SQL with their created_at as a Date (the driver gives timestamps as text). */
async function rowsWithDates<T extends { createdAt: Date }>(db: Executor, query: SQL): Promise<T[]> {
  return (await rows<T>(db, query)).map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** Items in groups by a key, in first-seen order (Map.groupBy arrives only in Node 21). */
function groupedBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

async function markNotSent(db: Db, workspaceId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const marked = await rows<{ id: string }>(
    db,
    sql`update notifications set email_state = 'not_sent' where workspace_id = ${workspaceId} and email_state = 'pending'
        and id = any(${uuidArray(ids)}) returning id`,
  );
  return marked.length;
}

async function sendTo(
  db: Db,
  deps: NotificationEmailDeps,
  workspace: { id: string; slug: string; name: string },
  personId: string,
  waiting: Pending[],
  now: Date,
): Promise<{ emailed: number; skipped: number }> {
  const ids = waiting.map((n) => n.id);
  const [person] = await rows<Recipient>(
    db,
    sql`select p.email, p.full_name as "fullName", m.role from people p
        left join memberships m on m.workspace_id = p.workspace_id and m.person_id = p.id
        where p.workspace_id = ${workspace.id} and p.id = ${personId}`,
  );
  // Without an e-mail address, or without an account to follow the links with, there is nobody to write to.
  if (!person?.email || !person.role) return { emailed: 0, skipped: await markNotSent(db, workspace.id, ids) };
  const reader = { personId, staff: isStaff(person.role) };
  const { claimed, token } = await db.transaction(async (tx) => {
    const claimed = await rowsWithDates<Sent>(
      tx,
      sql`update notifications n set email_state = 'sent', emailed_at = now()
          where ${visibleTo(workspace.id, reader)} and n.email_state = 'pending' and n.id = any(${uuidArray(ids)})
          returning n.id, n.title, n.excerpt, n.path, n.created_at as "createdAt", n.scope_kind as "scopeKind", n.scope_id as "scopeId"`,
    );
    return { claimed, token: claimed.length ? await createUnsubscribeLink(tx, workspace.id, personId) : '' };
  });
  // What is left was about a community they can no longer see (or another run took it).
  const skipped = await markNotSent(db, workspace.id, ids);
  if (!claimed.length) return { emailed: 0, skipped };
  const digest = waiting.some((n) => n.frequency === 'daily' || n.frequency === 'weekly');
  const mail = await composeEmail(db, deps, workspace, person, claimed, token, digest, now);
  await deps.mailer.send({ workspaceId: workspace.id, kind: 'notifications', to: person.email, ...mail });
  return { emailed: claimed.length, skipped };
}

/** Groups of notifications under the name of the community (or other place) each came from, newest first. */
async function grouped(db: Db, workspaceId: string, sent: Sent[]) {
  const names = new Map<string, string>();
  for (const [kind, scope] of notificationScopes) {
    const ids = [...new Set(sent.filter((n) => n.scopeKind === kind && n.scopeId).map((n) => n.scopeId!))];
    if (ids.length) for (const [id, name] of await scope.names(db, workspaceId, ids)) names.set(`${kind}:${id}`, name);
  }
  const groups = groupedBy(
    [...sent].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    (n) => (n.scopeKind ? (names.get(`${n.scopeKind}:${n.scopeId}`) ?? 'Elsewhere') : 'For you'),
  );
  return [...groups].map(([heading, items]) => ({ heading, items }));
}

async function composeEmail(
  db: Db,
  deps: NotificationEmailDeps,
  workspace: { id: string; slug: string; name: string },
  person: Recipient,
  sent: Sent[],
  token: string,
  digest: boolean,
  now: Date,
) {
  const site = deps.publicUrl.replace(/\/$/, '');
  const base = `${site}/w/${workspace.slug}`;
  const groups = (await grouped(db, workspace.id, sent)).map((group) => ({
    heading: group.heading,
    items: group.items.map((n) => ({ title: n.title, excerpt: n.excerpt, url: `${base}${n.path}`, when: formatDateTime(n.createdAt) })),
  }));
  const unsubscribeUrl = `${site}/unsubscribe/${token}`;
  const settingsUrl = `${base}/notifications/settings`;
  const subject =
    sent.length === 1 && !digest
      ? sent[0].title
      : digest
        ? `Your ${workspace.name} digest: ${countOf(sent.length, 'update')}`
        : `${countOf(sent.length, 'update')} from ${workspace.name}`;
  const intro = digest
    ? `Here is what happened in ${workspace.name} up to ${formatLongDate(now)}.`
    : `${sent.length === 1 ? 'Something' : 'Some things'} in ${workspace.name} you asked to hear about straight away.`;
  const data = { subject, greeting: `Hello ${person.fullName},`, intro, groups, listUrl: `${base}/notifications`, settingsUrl, unsubscribeUrl, workspace };
  const text = [
    data.greeting,
    '',
    intro,
    ...groups.flatMap((group) => [
      '',
      group.heading.toUpperCase(),
      ...group.items.flatMap((item) => ['', `* ${item.title} (${item.when})`, ...(item.excerpt ? [`  ${item.excerpt}`] : []), `  ${item.url}`]),
    ]),
    '',
    `All your notifications: ${data.listUrl}`,
    `Choose how often you are e-mailed: ${settingsUrl}`,
    `Stop these e-mails: ${unsubscribeUrl}`,
  ].join('\n');
  return {
    subject,
    text,
    html: deps.views.render('notifications/views/email/digest.njk', data),
    // One-click unsubscribe from the mail program itself (RFC 8058).
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
