import type { Executor } from '../../core/db/client.ts';
import { indexDocuments } from '../search/index-documents.ts';
import { findLesson, topicsOf } from './queries.ts';

/** Lessons in the one search index: found by every part of their text, with their topics and context to match on. */
export const LESSON_KIND = 'lesson';

/** (Re)index one lesson, whatever its status: who may see it is decided when results are read. */
export async function indexLesson(tx: Executor, workspaceId: string, lessonId: string): Promise<void> {
  const lesson = await findLesson(tx, workspaceId, lessonId);
  if (!lesson) return;
  const topics = await topicsOf(tx, workspaceId, lessonId);
  await indexDocuments(tx, workspaceId, [
    {
      kind: LESSON_KIND,
      sourceId: lesson.id,
      title: lesson.title,
      body: [lesson.whatHappened, lesson.whatWorked, lesson.recommendation, lesson.placeKind].filter(Boolean).join('\n\n'),
      keywords: topics.map((t) => t.name).join(' '),
    },
  ]);
}
