import { countOf } from '../../core/views/format.ts';

/**
 * How strong a lesson is, in one line: how many sites and programmes saw it,
 * and whether it was evaluated. A lesson seen once is still worth keeping; the
 * reader should know it was seen once.
 */
export function strengthOf(lesson: { sitesSeen: number | null; programmesSeen: number | null; evaluated: boolean }): string {
  const seen = [lesson.sitesSeen ? countOf(lesson.sitesSeen, 'site') : '', lesson.programmesSeen ? countOf(lesson.programmesSeen, 'programme') : ''].filter(
    Boolean,
  );
  const where = seen.length ? `Seen at ${seen.join(' in ')}` : 'How widely it was seen is not recorded';
  return `${where}; ${lesson.evaluated ? 'evaluated' : 'not evaluated'}`;
}
