import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { addDays, londonInstant } from '../../core/dates.ts';
import { briefingFacts, draftText } from '../delivery/briefings/facts.ts';
import type { Round } from '../delivery/rounds/queries.ts';
import { checkpointBriefings } from '../delivery/briefings/tables.ts';
import { themeResponses } from '../delivery/tables.ts';
import { programmes } from '../programmes/tables.ts';

/** The department's answers to three themes, and the last two rounds' briefings: one shared, one still a draft. */
export async function seedResponsesAndBriefings(
  tx: Executor,
  seed: {
    workspaceId: string;
    programmeId: string;
    rounds: Round[];
    themeId: Map<string, string>;
    person: (name: string) => string;
    facilitatorId: string;
  },
): Promise<void> {
  const { workspaceId, programmeId, rounds, themeId, person, facilitatorId } = seed;
  // The department's answers to themes, after the checkpoint meetings.
  const respond = (theme: string, round: number, by: string, response: string) => ({
    workspaceId,
    programmeId,
    themeId: themeId.get(theme)!,
    roundId: rounds[round - 1].id,
    response,
    respondedByPersonId: person(by),
    createdAt: londonInstant(addDays(rounds[round - 1].dueOn, 6), '15:00'),
  });
  await tx
    .insert(themeResponses)
    .values([
      respond(
        'assessment',
        6,
        'Megan Price',
        'We have funded a shared pool of independent assessors for every hub from next quarter, so no household waits more than four weeks for an assessor.',
      ),
      respond(
        'housing',
        9,
        'Richard Haworth',
        'We raised foster carer priority in housing allocations with MHCLG; joint guidance to councils goes out next month, with the three hubs’ examples in it.',
      ),
      respond(
        'data',
        10,
        'Megan Price',
        'A single definition of each indicator is now in the return template guidance, and the hub data sharing agreement is published for every hub to reuse.',
      ),
    ]);

  // Two briefings: last round's, shared after its checkpoint meeting; this round's, still a draft.
  const [programmeRow] = await tx
    .select()
    .from(programmes)
    .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, programmeId)));
  for (const round of [rounds[10], rounds[11]]) {
    const text = draftText(await briefingFacts(tx, workspaceId, programmeRow, round), round);
    const shared = round.number === 11;
    await tx.insert(checkpointBriefings).values({
      workspaceId,
      programmeId,
      roundId: round.id,
      ...text,
      headline: shared
        ? `${text.headline} Assessment capacity is easing where hubs share assessors; the cost of living is a new and growing worry for carers.`
        : text.headline,
      status: shared ? 'shared' : 'draft',
      sharedAt: shared ? londonInstant(addDays(round.dueOn, 5), '11:00') : null,
      updatedByPersonId: facilitatorId,
    });
  }
}
