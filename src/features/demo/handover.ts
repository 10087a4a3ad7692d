import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { handovers } from '../handover/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/** A hub lead moving on: her handover pack is prepared, waiting for the facilitator to name her successor. */
export async function seedHandover(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const [row] = await tx
    .insert(handovers)
    .values({
      workspaceId: ctx.workspaceId,
      fromPersonId: refs.get(personKey('Louise Hargreaves'))!,
      note: 'I start at the regional adoption agency next month. The Lancashire and Cumbria councils are part way through the set-up guide: Blackpool still needs to sign the data sharing agreement. Margaret Ellison has been a great help on the legal side.',
      createdByPersonId: refs.get(personKey('Tomasz Nowak'))!,
      createdAt: londonInstant(addDays(londonToday(), -2), '16:30'),
    })
    .returning({ id: handovers.id });
  refs.set('handover:louise', row.id);
}
