import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import type { Executor } from '../../core/db/client.ts';
import { searchRanked } from '../search/search.ts';
import { stepsOf } from './content.ts';
import { findGuide, versionOf } from './queries.ts';
import { GUIDE_KIND } from './search-text.ts';

const STOP = new Set(eng);
const stems = (text: string) => new Set((text.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => stemmer(w)));

/** A step needs this many of the text's words in common to be offered: one shared word is chance. */
const MIN_SHARED = 2;

/**
 * The guide steps closest to a text being written: the guides the one search
 * module ranks best for it, and in each the step sharing most of its words.
 */
export async function matchingSteps(db: Executor, workspaceId: string, text: string, limit = 2) {
  if (!text.trim()) return [];
  const hits = await searchRanked(db, workspaceId, text, { kinds: [GUIDE_KIND], limit: limit + 1, feedback: false, typos: false });
  const wanted = stems(text);
  const found: Array<{ guideId: string; guideTitle: string; stepKey: string; stepTitle: string; shared: number }> = [];
  for (const hit of hits) {
    const guide = await findGuide(db, workspaceId, hit.sourceId);
    const version = guide && (await versionOf(db, workspaceId, guide.id, guide.version));
    if (!guide || !version) continue;
    let best: (typeof found)[number] | undefined;
    for (const step of stepsOf(version.content)) {
      const own = stems([step.title, step.guidance, ...step.checklist].join(' '));
      const shared = [...wanted].filter((s) => own.has(s)).length;
      if (shared >= MIN_SHARED && (!best || shared > best.shared))
        best = { guideId: guide.id, guideTitle: guide.title, stepKey: step.key, stepTitle: step.title, shared };
    }
    if (best) found.push(best);
  }
  return found.sort((a, b) => b.shared - a.shared).slice(0, limit);
}
