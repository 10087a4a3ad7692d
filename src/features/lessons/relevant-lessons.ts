import type { Executor } from '../../core/db/client.ts';
import type { Member } from '../../core/http/context.ts';
import { formatList } from '../../core/views/format.ts';
import { searchRanked } from '../search/search.ts';
import { sharedWords } from '../search/shared-words.ts';
import { lessonsFor, type LessonSummary } from './queries.ts';
import { LESSON_KIND } from './search-text.ts';

/** How many of the best-matching lessons are looked at before the programme's own are set aside. */
const CANDIDATES = 80;

export interface RelevantLesson extends LessonSummary {
  /** "because it mentions regional working and recruitment; it shares the topic Foster carer recruitment" */
  reason: string;
}

/**
 * The published lessons of other programmes that fit this text best (a
 * programme's name, summary, aims and topics; a return's challenges; a
 * support request), ranked by the one search module, each with the reason in
 * words: what it mentions that the text does too, and the topics they share.
 */
export async function relevantLessons(
  db: Executor,
  workspaceId: string,
  member: Member,
  text: string,
  options: { topicNames?: string[]; excludeProgrammeId?: string; limit?: number } = {},
): Promise<RelevantLesson[]> {
  if (!text.trim()) return [];
  // Feedback or a spelling correction would match words the text never used, and the reason could no longer be said in its words.
  const hits = await searchRanked(db, workspaceId, text, { kinds: [LESSON_KIND], limit: CANDIDATES, feedback: false, typos: false });
  const found = await lessonsFor(db, workspaceId, member, { ids: hits.map((hit) => hit.sourceId), status: 'published' });
  const excluded = options.excludeProgrammeId;
  const kept = found.filter((lesson) => !excluded || lesson.programmeId !== excluded).slice(0, options.limit ?? 10);
  const words = await sharedWords(
    db,
    workspaceId,
    text,
    LESSON_KIND,
    kept.map((lesson) => lesson.id),
  );
  const wanted = new Set((options.topicNames ?? []).map((name) => name.toLowerCase()));
  return kept.map((lesson) => {
    const topics = lesson.topics ? lesson.topics.split(', ').filter((name) => wanted.has(name.toLowerCase())) : [];
    const mentions = words.get(lesson.id) ?? [];
    const parts = [
      mentions.length ? `it mentions ${formatList(mentions)}` : '',
      topics.length ? `it shares the topic${topics.length === 1 ? '' : 's'} ${formatList(topics)}` : '',
    ].filter(Boolean);
    return { ...lesson, reason: parts.length ? `Because ${parts.join('; ')}` : '' };
  });
}
