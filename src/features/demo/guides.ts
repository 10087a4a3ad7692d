import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { organisations } from '../organisations/tables.ts';
import { and, eq, inArray } from 'drizzle-orm';
import { slugFrom } from '../../core/slug.ts';
import { indexGuide } from '../guides/search-text.ts';
import { guideComments, guideProgress, guideVersions, guides, type GuideContent, type GuideSectionContent } from '../guides/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

const TITLE = 'Guide to setting up recruitment support hubs';

/** The guide's first version: the steps the first hubs followed, written as they went. */
function firstVersion(lesson: (n: number) => string): GuideContent {
  const sections: GuideSectionContent[] = [
    {
      key: 'agree',
      title: 'Agree the partnership',
      steps: [
        {
          key: 'board',
          title: 'Form a hub board with every council',
          guidance:
            'Each council names a senior sponsor (usually the head of fostering) and the hub lead chairs. Agree how decisions are made, and which go back to each council.',
          checklist: ['Sponsor named by every council', 'Terms of reference agreed', 'Scheme of delegation written'],
          lessonIds: [lesson(14)],
          evidenceIds: [],
        },
        {
          key: 'data',
          title: 'Sign one data sharing agreement',
          guidance: 'The shared enquiry tracker needs a data sharing agreement signed by every council **before** it holds anyone’s details.',
          checklist: ['Information governance leads drafted it together', 'Signed by every council'],
          lessonIds: [lesson(0)],
          evidenceIds: [],
        },
      ],
    },
    {
      key: 'front-door',
      title: 'Build the front door',
      steps: [
        {
          key: 'website',
          title: 'One website and one phone number for enquiries',
          guidance:
            'People thinking about fostering should not have to work out which council to call. The hub’s website routes each enquiry to the right council.',
          checklist: ['Domain and brand agreed', 'Each council’s page linked'],
          lessonIds: [],
          evidenceIds: [],
        },
        {
          key: 'callback',
          title: 'Call every enquirer back quickly',
          guidance: 'Set a call-back standard and a duty rota so someone is always free to call.',
          checklist: ['Call-back standard agreed', 'Duty rota in place'],
          lessonIds: [lesson(19)],
          evidenceIds: [],
        },
      ],
    },
  ];
  return {
    title: TITLE,
    summary: 'For councils forming a fostering recruitment support hub: what the first hubs did, in order, and what they would do differently.',
    sections,
  };
}

/**
 * The "Guide to setting up recruitment support hubs" in three versions: as the
 * first hubs wrote it, with the call-back standard made specific after the
 * enquiry data webinar, and with a section on keeping carers added. Two
 * hubs' councils are working through it.
 */
export async function seedGuides(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const { workspaceId } = ctx;
  const today = londonToday();
  const person = (name: string) => refs.get(personKey(name))!;
  const lesson = (n: number) => refs.get(`lesson:${n}`)!;
  const v1 = firstVersion(lesson);
  const v2: GuideContent = structuredClone(v1);
  const callback = v2.sections[1].steps[1];
  callback.guidance =
    'Call every enquirer back **within one working day**, weekends included: in the enquiry data, enquirers called back the same day were twice as likely to reach an initial visit. Set a duty rota so someone is always free to call.';
  callback.checklist = ['Call-back within one working day agreed by every council', 'Duty rota covers weekends', 'Call-back times recorded in the tracker'];
  const v3: GuideContent = structuredClone(v2);
  v3.sections.push({
    key: 'keep',
    title: 'Keep the carers you have',
    steps: [
      {
        key: 'peer',
        title: 'Offer every new carer a peer mentor',
        guidance:
          'Carers leave most often in their first two years. A mentor who has fostered for some years, matched before the first placement, is what carers say helped most.',
        checklist: ['Mentors recruited and paid', 'Every new carer matched before the first placement'],
        lessonIds: [],
        evidenceIds: [],
      },
    ],
  });
  const versions = [
    { content: v1, note: 'First version, from the first three hubs’ set-up', daysAgo: 200, by: 'Tomasz Nowak' },
    { content: v2, note: 'Call-back within one working day, after the enquiry data webinar', daysAgo: 45, by: 'Tomasz Nowak' },
    { content: v3, note: 'Added “Keep the carers you have”', daysAgo: 12, by: 'Janet Armstrong' },
  ];
  const [guide] = await tx
    .insert(guides)
    .values({
      workspaceId,
      title: TITLE,
      summary: v3.summary,
      ownerPersonId: person('Tomasz Nowak'),
      reviewDueOn: addDays(today, 180),
      version: versions.length,
      slug: slugFrom(TITLE),
      createdByPersonId: person('Tomasz Nowak'),
      createdAt: londonInstant(addDays(today, -200), '10:00'),
      updatedAt: londonInstant(addDays(today, -12), '15:00'),
    })
    .returning({ id: guides.id });
  await tx.insert(guideVersions).values(
    versions.map((v, i) => ({
      workspaceId,
      guideId: guide.id,
      number: i + 1,
      content: v.content,
      changeNote: v.note,
      savedByPersonId: person(v.by),
      savedAt: londonInstant(addDays(today, -v.daysAgo), '15:00'),
    })),
  );
  await tx.insert(guideComments).values({
    workspaceId,
    guideId: guide.id,
    stepKey: 'callback',
    body: 'Weekend calls were the hardest to staff. We share the rota with the next council along.',
    authorPersonId: person('Paul Whittaker'),
    createdAt: londonInstant(addDays(today, -30), '11:20'),
  });
  // The North East and Greater Manchester hubs' councils, part of the way through.
  const councils = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(eq(organisations.workspaceId, workspaceId), inArray(organisations.name, ['Gateshead Council', 'Sunderland City Council', 'Manchester City Council'])),
    );
  const done: Record<string, string[]> = {
    'Gateshead Council': ['board', 'data', 'website', 'callback'],
    'Sunderland City Council': ['board', 'data'],
    'Manchester City Council': ['board', 'data', 'website'],
  };
  const rows = councils.flatMap((council) =>
    (done[council.name] ?? []).map((stepKey) => ({
      workspaceId,
      guideId: guide.id,
      stepKey,
      organisationId: council.id,
      markedAt: londonInstant(addDays(today, -20), '12:00'),
    })),
  );
  if (rows.length) await tx.insert(guideProgress).values(rows);
  await indexGuide(tx, workspaceId, guide.id);
  refs.set('guide:hubs', guide.id);
}
