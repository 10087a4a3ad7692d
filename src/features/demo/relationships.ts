import { randomBytes } from 'node:crypto';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { cohortMembers, programmes } from '../programmes/tables.ts';
import { introductionPeople, introductions, relationships, type IntroductionOutcome, type RelationshipKind } from '../relationships/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/** The Regional Adoption Agencies leaders' programme: finished over a year ago, its leaders now helping the fostering hubs. */
export async function seedFinishedProgramme(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const today = londonToday();
  const person = (name: string) => refs.get(personKey(name))!;
  const [programme] = await tx
    .insert(programmes)
    .values({
      workspaceId: ctx.workspaceId,
      name: 'Regional Adoption Agencies: leaders’ programme',
      kind: 'cohort_learning',
      summary: 'Nine months for the leaders of new regional adoption agencies, as councils merged their adoption teams.',
      aims: 'Share what works in merging teams across councils.\nAgree common performance measures.\nBuild a network of agency leaders that lasts beyond the programme.',
      startsOn: addDays(today, -730),
      endsOn: addDays(today, -460),
      calendarToken: randomBytes(18).toString('base64url'),
    })
    .returning({ id: programmes.id });
  refs.set('programme:raa', programme.id);
  await tx.insert(cohortMembers).values([
    ...['Margaret Ellison', 'Kwame Asante', 'Ruth Penhaligon'].map((name) => ({
      workspaceId: ctx.workspaceId,
      programmeId: programme.id,
      personId: person(name),
      role: 'participant' as const,
    })),
    ...['Dr Hannah Whitcombe', 'Tomasz Nowak'].map((name) => ({
      workspaceId: ctx.workspaceId,
      programmeId: programme.id,
      personId: person(name),
      role: 'facilitator' as const,
    })),
  ]);
}

/** [person, person, how, days from the Mobilise start (negative: before it), note] */
type DemoTie = [string, string, RelationshipKind, number, string?];

/**
 * The Mobilise cohort's ties before the programme (colleagues in the same
 * department, two councils that already worked together) and those it made:
 * across departments, between central and local government, with researchers
 * and parents. Sessions of fifteen do not count as meeting, so the growth
 * shown is these.
 */
const MOBILISE_TIES: DemoTie[] = [
  ['Eleanor Marsh', 'Daniel Osei', 'collaborated', -300],
  ['Eleanor Marsh', 'Fiona McAllister', 'collaborated', -250],
  ['Daniel Osei', 'Kieran Doyle', 'collaborated', -200],
  ['Naomi Clarke', 'Imran Qureshi', 'collaborated', -280],
  ['Imran Qureshi', 'Beth Howells', 'collaborated', -150],
  ['Oliver Grant', 'Zara Ahmed', 'collaborated', -320],
  ['Dr Hannah Whitcombe', 'Eleanor Marsh', 'collaborated', -400, 'Worked together on the early education funding review'],
  ['Claire Robson', 'Mohammed Iqbal', 'met', -120, 'Northern early years leads’ network'],
  ['Eleanor Marsh', 'Lucy Fairbairn', 'introduced', 30, 'On why eligible families in Manchester do not take up the two-year-old offer'],
  ['Eleanor Marsh', 'Lucy Fairbairn', 'met', 52],
  ['Daniel Osei', 'Grace Ogunleye', 'collaborated', 75, 'Birmingham tested a draft of the family hubs guidance'],
  ['Daniel Osei', 'Sarah Mensah', 'met', 64, 'After the Riverside visit'],
  ['Naomi Clarke', 'Professor Helen Adeyemi', 'introduced', 40, 'On language screening at the two-year review'],
  ['Imran Qureshi', 'Mohammed Iqbal', 'collaborated', 90, 'Leeds’ redesign of the two-year language check'],
  ['Imran Qureshi', 'Dr James Whitfield', 'collaborated', 110],
  ['Fiona McAllister', 'Andrew Pike', 'met', 58],
  ['Kieran Doyle', 'Siân Roberts', 'met', 81],
  ['Oliver Grant', 'Claire Robson', 'collaborated', 96, 'Housing pressures on families with young children'],
  ['Zara Ahmed', 'Andrew Pike', 'introduced', 47],
  ['Beth Howells', 'Aisha Rahman', 'met', 70, 'Co-designing the perinatal mental health leaflet'],
  ['Eleanor Marsh', 'Dr Rachel Kimura', 'introduced', 88, 'Childcare economics'],
  ['Lucy Fairbairn', 'Grace Ogunleye', 'met', 60],
  ['Siân Roberts', 'Claire Robson', 'collaborated', 120, 'Shared a parent panel between Bristol and Newcastle'],
  ['Naomi Clarke', 'Eleanor Marsh', 'collaborated', 100],
  ['Oliver Grant', 'Daniel Osei', 'met', 35],
  ['Mohammed Iqbal', 'Lucy Fairbairn', 'met', 66],
  ['Kieran Doyle', 'Andrew Pike', 'collaborated', 130],
  ['Grace Ogunleye', 'Aisha Rahman', 'collaborated', 140, 'Parents on the Birmingham family hub board'],
  ['Fiona McAllister', 'Zara Ahmed', 'introduced', 44],
  ['Andrew Pike', 'Gareth Llewellyn', 'met', 125],
];

/** [people introduced, by, days ago, note, outcome, days ago the outcome was recorded] */
type DemoIntroduction = [string[], string, number, string, IntroductionOutcome | null, number?];

const INTRODUCTIONS: DemoIntroduction[] = [
  [
    ['Louise Hargreaves', 'Margaret Ellison', 'Kwame Asante'],
    'Tomasz Nowak',
    19,
    'Louise’s five councils are merging their recruitment officers into one hub team. Margaret and Kwame did the same with adoption teams in the Regional Adoption Agencies: I think an hour together would save Louise months.',
    'met',
    9,
  ],
  [
    ['Rebecca Stone', 'Sameera Hussain'],
    'Tomasz Nowak',
    25,
    'Rebecca is asking housing teams to give foster carers priority; Sameera’s hub agreed a priority band in Bradford last year.',
    null,
  ],
];

export async function seedRelationships(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const { workspaceId } = ctx;
  const person = (name: string) => refs.get(personKey(name))!;
  const pair = (x: string, y: string) => (person(x) < person(y) ? [person(x), person(y)] : [person(y), person(x)]);
  const starts = refs.get('programme:mobilise:starts')!;
  const recordedBy = person('Dr Hannah Whitcombe');
  await tx.insert(relationships).values(
    MOBILISE_TIES.map(([x, y, kind, day, note]) => {
      const [a, b] = pair(x, y);
      return { workspaceId, personAId: a, personBId: b, kind, occurredOn: addDays(starts, day), note: note ?? '', recordedByPersonId: recordedBy };
    }),
  );
  const today = londonToday();
  for (const [names, by, daysAgo, note, outcome, outcomeDaysAgo] of INTRODUCTIONS) {
    const made = addDays(today, -daysAgo);
    const [introduction] = await tx
      .insert(introductions)
      .values({
        workspaceId,
        introducedByPersonId: person(by),
        note,
        followUpOn: addDays(made, 21),
        outcome,
        outcomeRecordedAt: outcome && outcomeDaysAgo !== undefined ? londonInstant(addDays(today, -outcomeDaysAgo), '11:00') : null,
        createdAt: londonInstant(made, '10:00'),
      })
      .returning({ id: introductions.id });
    await tx.insert(introductionPeople).values(names.map((name) => ({ workspaceId, introductionId: introduction.id, personId: person(name) })));
    const pairs = names.flatMap((x, i) => names.slice(i + 1).map((y) => pair(x, y)));
    const ties = [
      ...pairs.map(([a, b]) => ({ kind: 'introduced' as const, a, b, on: made })),
      ...(outcome === 'met' && outcomeDaysAgo !== undefined
        ? pairs.map(([a, b]) => ({ kind: 'met' as const, a, b, on: addDays(today, -outcomeDaysAgo) }))
        : []),
    ];
    await tx.insert(relationships).values(
      ties.map((t) => ({
        workspaceId,
        personAId: t.a,
        personBId: t.b,
        kind: t.kind,
        occurredOn: t.on,
        introductionId: introduction.id,
        recordedByPersonId: person(by),
      })),
    );
  }
}
