import type { Executor } from '../../core/db/client.ts';
import { readingListItems, readingLists } from '../reading-lists/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/** Reading lists curated by the partnership: by topic, for a person new to a role, and for a session. */
const LISTS: Array<{ title: string; description: string; topic?: string; person?: string; sessionKey?: string; items: Array<[number, string]> }> = [
  {
    title: 'Essential reading: early language',
    description: 'Where to start on how young children learn to talk and what helps, strongest evidence first, then practice and family voice.',
    topic: 'Early language and communication',
    items: [
      [1, 'The strongest evidence: book-sharing programmes work, and cheaply.'],
      [0, 'Why everyday conversation matters more than screens or flashcards.'],
      [2, 'What happened when health visitors added a language conversation to the two-year review.'],
      [8, 'Read this before designing any referral route: what “wait and see” feels like to parents.'],
      [9, 'What good practice looks like in a nursery.'],
    ],
  },
  {
    title: 'New to fostering recruitment policy',
    description: 'For someone joining the hubs programme: the numbers, why carers leave, and what the hubs have learned so far.',
    person: 'Megan Price',
    items: [
      [16, 'The baseline the programme is measured against.'],
      [13, 'Retention matters as much as recruitment: read the reasons carers give.'],
      [14, 'The first-year findings: speed of first response is the strongest lever.'],
      [15, 'What held prospective carers back, in their own words.'],
      [19, 'Lessons from the regional adoption agencies that the hubs should not relearn.'],
    ],
  },
  {
    title: 'Before the perinatal mental health masterclass',
    description: 'Two readings for the Mobilise masterclass, and the family hubs guide for context.',
    sessionKey: 'session:perinatal',
    items: [
      [3, 'How maternal depression shapes what babies hear.'],
      [4, 'The case for training health visitors and peer supporters.'],
      [5, 'Where perinatal mental health sits in the family hubs offer.'],
    ],
  },
];

export async function seedReadingLists(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  for (const list of LISTS) {
    const [row] = await tx
      .insert(readingLists)
      .values({
        workspaceId: ctx.workspaceId,
        title: list.title,
        description: list.description,
        topicId: list.topic ? (refs.get(`topic:${list.topic}`) ?? null) : null,
        personId: list.person ? (refs.get(personKey(list.person)) ?? null) : null,
        sessionId: list.sessionKey ? (refs.get(list.sessionKey) ?? null) : null,
        createdByPersonId: refs.get(personKey('Dr Hannah Whitcombe')) ?? ctx.adminPersonId,
      })
      .returning({ id: readingLists.id });
    const items = list.items
      .map(([index, note], position) => ({ evidenceId: refs.get(`evidence:${index}`), note, position: position + 1 }))
      .filter((item): item is { evidenceId: string; note: string; position: number } => Boolean(item.evidenceId));
    if (items.length) await tx.insert(readingListItems).values(items.map((item) => ({ workspaceId: ctx.workspaceId, listId: row.id, ...item })));
  }
}
