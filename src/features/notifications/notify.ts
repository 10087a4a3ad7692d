import type { Executor } from '../../core/db/client.ts';
import { notifications } from './tables.ts';

export interface NewNotification {
  kind: string;
  scope?: { kind: string; id: string };
  subjectKey: string;
  title: string;
  excerpt?: string;
  /** Inside the workspace: "/communities/…". */
  path: string;
  actorPersonId: string | null;
}

/** Longest excerpt kept with a notification: enough to recognise the post in a list or a digest. */
const EXCERPT_LENGTH = 240;

/** Markdown reduced to one line of plain text, for an excerpt. */
export function plainExcerpt(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

/**
 * Tell these people about something, inside the operation that caused it (so
 * the notification exists only if the change does). The person who did it is
 * never told about their own act. Returns how many were told.
 */
export async function notify(tx: Executor, workspaceId: string, recipients: Iterable<string>, notification: NewNotification): Promise<number> {
  const people = [...new Set(recipients)].filter((id) => id && id !== notification.actorPersonId);
  if (!people.length) return 0;
  await tx.insert(notifications).values(
    people.map((personId) => ({
      workspaceId,
      personId,
      kind: notification.kind,
      scopeKind: notification.scope?.kind ?? null,
      scopeId: notification.scope?.id ?? null,
      subjectKey: notification.subjectKey,
      title: notification.title,
      excerpt: notification.excerpt ?? '',
      path: notification.path,
      actorPersonId: notification.actorPersonId,
    })),
  );
  return people.length;
}
