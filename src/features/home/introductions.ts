import type { Executor } from '../../core/db/client.ts';
import { formatDate } from '../../core/views/format.ts';
import { introductionsList } from '../relationships/queries-introductions.ts';
import type { TaskGroup } from './tasks.ts';

/** For the staff: introductions whose follow-up date has come, to ask whether the people met. */
export async function introductionTasks(db: Executor, workspaceId: string): Promise<TaskGroup | undefined> {
  const due = await introductionsList(db, workspaceId, { dueOnly: true, limit: 50 });
  if (!due.length) return undefined;
  return {
    heading: 'Introductions to follow up',
    empty: '',
    tasks: due.slice(0, 5).map((i) => ({
      text: `Did they meet? ${i.people.join(', ')}`,
      href: `/introductions#introduction-${i.id}`,
      detail: `Introduced ${formatDate(i.createdAt)}`,
      state: { text: 'Follow up', tone: 'due' as const },
    })),
    more: due.length > 5 ? { text: `All ${due.length} to follow up`, href: '/introductions' } : undefined,
  };
}
