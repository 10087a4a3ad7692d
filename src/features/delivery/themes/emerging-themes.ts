import type { Executor } from '../../../core/db/client.ts';
import { emergingThemes } from '../../text/emerging-themes.ts';
import type { CandidateMember } from '../tables.ts';
import { textUnits } from './queries.ts';
import { suggesterFor } from './suggestions.ts';

/*
 * Emerging themes: clusters found in text nobody has coded, stored as candidates so an
 * analyst's accept, merge or dismiss acts on what they saw.
 */

/** The most characteristic words of a cluster, as a working name an analyst can change. */
function labelFrom(terms: string[]): string {
  // Word pairs read better than single words; drop single words a chosen pair already contains.
  const chosen: string[] = [];
  for (const term of [...terms].sort((a, b) => b.split(' ').length - a.split(' ').length)) {
    const words = term.split(' ');
    if (chosen.length < 2 && !chosen.some((c) => c.split(' ').some((word) => words.includes(word)))) chosen.push(term);
  }
  const words = chosen;
  const text = words.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A cluster worth an analyst's look: a working name, its key terms, its answers and a few quotes. */
export interface EmergingCandidate {
  label: string;
  keyTerms: string[];
  members: CandidateMember[];
  quotes: string[];
}

/**
 * Cluster the uncoded answers that the codebook does not already explain.
 * Reads only: finding emerging themes stores what this returns.
 */
export async function clusterUncoded(db: Executor, workspaceId: string, programmeId: string): Promise<{ answers: number; candidates: EmergingCandidate[] }> {
  const uncoded = await textUnits(db, workspaceId, programmeId, { uncodedOnly: true });
  const suggester = await suggesterFor(db, workspaceId, programmeId);
  // Answers the codebook already explains confidently are left to suggestions; what is left is new.
  const unexplained = suggester ? uncoded.filter((u) => (suggester.suggest(u.text, 1)[0]?.probability ?? 0) < 0.5) : uncoded;
  const units = unexplained.slice(0, 4000);
  const k = Math.max(2, Math.min(8, Math.round(Math.sqrt(units.length / 8))));
  const clusters =
    units.length >= 6
      ? emergingThemes(
          units.map((u) => u.text),
          k,
        )
      : [];
  // A cluster of two or three answers is an anecdote, not a theme.
  const worthShowing = clusters.filter((c) => c.members.length >= Math.max(3, units.length * 0.03));
  return {
    answers: units.length,
    candidates: worthShowing.map((cluster) => ({
      label: labelFrom(cluster.keyTerms),
      keyTerms: cluster.keyTerms,
      members: cluster.members.map((i): CandidateMember => ({ returnId: units[i].returnId, sectionKey: units[i].sectionKey })),
      // The answers nearest the centre, without repeating the same words twice.
      quotes: [...new Set(cluster.representatives.map((i) => units[i].text))].slice(0, 3),
    })),
  };
}
