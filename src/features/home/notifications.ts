import type { Executor } from '../../core/db/client.ts';
import { formatDateTime } from '../../core/views/format.ts';
import { notificationsFor, unreadCount } from '../notifications/queries.ts';
import type { Reader } from '../notifications/scopes.ts';
import { limited, type TaskGroup } from './tasks.ts';

const SHOWN = 5;

/** Unread notifications at the top of the home page: mentions, replies, answers that helped. */
export async function notificationTasks(db: Executor, workspaceId: string, reader: Reader): Promise<TaskGroup | undefined> {
  if (!reader.personId) return undefined;
  const [unread, total] = await Promise.all([
    notificationsFor(db, workspaceId, reader, { limit: SHOWN + 1, unreadOnly: true }),
    unreadCount(db, workspaceId, reader),
  ]);
  if (!unread.length) return undefined;
  return limited(
    {
      heading: 'Unread notifications',
      empty: '',
      tasks: unread.map((n) => ({
        text: n.title,
        href: n.path,
        detail: formatDateTime(n.createdAt),
        state: n.kind === 'mention' ? { text: 'Mention', tone: 'due' as const } : { text: 'New', tone: 'info' as const },
      })),
    },
    SHOWN,
    { text: `All ${total} unread notifications`, href: '/notifications' },
  );
}
