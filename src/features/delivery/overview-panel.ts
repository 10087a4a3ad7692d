import type { Db } from '../../core/db/client.ts';
import type { ProgrammeKind } from '../programmes/tables.ts';
import { roundsOf, submissionCounts } from './rounds/queries.ts';
import { sitesOf } from './sites/queries.ts';
import { responsesOf, themeCounts } from './themes/queries.ts';

/** A delivery programme's overview leads with its sites and returns rather than intake and needs. */
export async function deliveryOverview(db: Db, workspaceId: string, programme: { id: string; kind: ProgrammeKind }) {
  if (programme.kind !== 'delivery_support') return {};
  const programmeId = programme.id;
  const [sites, rounds, counts] = await Promise.all([
    sitesOf(db, workspaceId, programmeId, { contacts: false }),
    roundsOf(db, workspaceId, programmeId),
    submissionCounts(db, workspaceId, programmeId),
  ]);
  const latest = [...rounds].reverse().find((r) => r.status !== 'upcoming');
  return {
    delivery: {
      sites: sites.length,
      hubs: new Set(sites.map((s) => s.hub).filter(Boolean)).size,
      rounds: rounds.length,
      latest,
      submitted: latest ? (counts.get(latest.id)?.submitted ?? 0) : 0,
    },
  };
}

/**
 * A delivery programme's "You said, we did" is the department's answers to the
 * themes sites raised in their returns: one list, the same the briefings quote.
 */
export async function deliveryChanges(db: Db, workspaceId: string, programme: { id: string; kind: ProgrammeKind }) {
  if (programme.kind !== 'delivery_support') return {};
  const [responses, counts] = await Promise.all([responsesOf(db, workspaceId, programme.id), themeCounts(db, workspaceId, programme.id)]);
  const answers = new Map<string, number>();
  for (const c of counts) answers.set(c.themeId, (answers.get(c.themeId) ?? 0) + c.n);
  return { themeResponses: responses.map((r) => ({ ...r, answers: answers.get(r.themeId) ?? 0 })) };
}
