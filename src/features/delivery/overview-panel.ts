import type { Db } from '../../core/db/client.ts';
import type { ProgrammeKind } from '../programmes/tables.ts';
import { roundsOf, submissionCounts } from './rounds/queries.ts';
import { sitesOf } from './sites/queries.ts';

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
