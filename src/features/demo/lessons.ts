import { and, eq } from 'drizzle-orm';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import type { Executor } from '../../core/db/client.ts';
import { formatDate } from '../../core/views/format.ts';
import { impactExamples, reportSections } from '../evaluation/tables.ts';
import { indexLesson } from '../lessons/search-text.ts';
import { lessonApplications, lessonSources, lessonTopics, lessons } from '../lessons/tables.ts';
import { programmeChanges, programmes } from '../programmes/tables.ts';
import { RAA_CHANGES, RAA_IMPACT, RAA_LESSONS } from './lessons-data.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/**
 * What the finished Regional Adoption Agencies programme left behind: its "you
 * said, we did" changes, its impact examples, its evaluation's transferable
 * lessons, and forty lessons drawn from them (two still being written up,
 * three due for review), one already applied by the fostering hubs.
 */
export async function seedLessons(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const { workspaceId } = ctx;
  const person = (name: string) => refs.get(personKey(name))!;
  const programmeId = refs.get('programme:raa')!;
  const [programme] = await tx
    .select()
    .from(programmes)
    .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, programmeId)));
  const onDay = (day: number) => addDays(programme.startsOn, day);
  const recorder = person('Tomasz Nowak');

  const changes = await tx
    .insert(programmeChanges)
    .values(RAA_CHANGES.map((c) => ({ workspaceId, programmeId, youSaid: c.youSaid, weDid: c.weDid, madeOn: onDay(c.day), recordedByPersonId: recorder })))
    .returning();
  const impacts = await tx
    .insert(impactExamples)
    .values(
      RAA_IMPACT.map((i) => ({
        workspaceId,
        programmeId,
        recordedByPersonId: recorder,
        level: i.level,
        whatChanged: i.whatChanged,
        policyOrDecision: i.policyOrDecision,
        occurredOn: onDay(i.day),
        confirmer: i.confirmer,
        verifiedAt: londonInstant(onDay(i.day + 14), '10:00'),
        verifiedByPersonId: person('Dr Hannah Whitcombe'),
      })),
    )
    .returning();
  const findings = RAA_LESSONS.flatMap((lesson) => ('finding' in lesson.source ? [lesson.source.finding] : []));
  await tx.insert(reportSections).values({
    workspaceId,
    programmeId,
    key: 'lessons',
    body: findings.map((finding, i) => `${i + 1}. ${finding}`).join('\n'),
  });

  const published = londonInstant(addDays(programme.endsOn, 30), '11:00');
  const today = londonToday();
  const owners = ['Margaret Ellison', 'Kwame Asante', 'Ruth Penhaligon'];
  let index = 0;
  for (const demo of RAA_LESSONS) {
    const status = demo.status ?? 'published';
    // Three published lessons have passed their review date, to show what is flagged.
    const due = status === 'published' && index % 13 === 5;
    const [lesson] = await tx
      .insert(lessons)
      .values({
        workspaceId,
        title: demo.title,
        programmeId,
        phase: demo.phase,
        placeKind: demo.placeKind,
        whatHappened: demo.whatHappened,
        whatWorked: demo.whatWorked,
        recommendation: demo.recommendation,
        sitesSeen: demo.sites,
        programmesSeen: 1,
        evaluated: demo.evaluated,
        ownerPersonId: person(owners[index % owners.length]),
        status,
        reviewDueOn: status === 'published' ? (due ? addDays(today, -10 - index) : addDays(today, 120 + index * 3)) : null,
        reviewedByPersonId: status === 'draft' ? null : person('Dr Hannah Whitcombe'),
        reviewedAt: status === 'draft' ? null : published,
        publishedAt: status === 'published' ? published : null,
        createdByPersonId: recorder,
        createdAt: published,
        updatedAt: published,
      })
      .returning({ id: lessons.id });
    await tx.insert(lessonTopics).values(demo.topics.map((name) => ({ workspaceId, lessonId: lesson.id, topicId: refs.get(`topic:${name}`)! })));
    const source = demo.source;
    if ('change' in source) {
      const change = changes[source.change];
      await tx.insert(lessonSources).values({
        workspaceId,
        lessonId: lesson.id,
        kind: 'change',
        sourceId: change.id,
        label: `“You said, we did”, ${formatDate(change.madeOn)}`,
        excerpt: `You said: ${change.youSaid}\n\nWe did: ${change.weDid}`,
        path: `/programmes/${programmeId}/changes`,
      });
    } else if ('impact' in source) {
      const impact = impacts[source.impact];
      await tx.insert(lessonSources).values({
        workspaceId,
        lessonId: lesson.id,
        kind: 'impact',
        sourceId: impact.id,
        label: `Impact example, ${formatDate(impact.occurredOn)}: ${impact.policyOrDecision}`,
        excerpt: impact.whatChanged,
        path: `/programmes/${programmeId}/evaluation/impact`,
      });
    } else {
      await tx.insert(lessonSources).values({
        workspaceId,
        lessonId: lesson.id,
        kind: 'finding',
        sourceId: programmeId,
        label: `${programme.name} evaluation report: Transferable lessons`,
        excerpt: source.finding,
        path: `/programmes/${programmeId}/evaluation/report`,
      });
    }
    await indexLesson(tx, workspaceId, lesson.id);
    refs.set(`lesson:${index}`, lesson.id);
    index += 1;
  }

  // The fostering hubs have already taken up the data sharing lesson, and mean to discuss pooling budgets.
  const hubs = refs.get('programme:hubs')!;
  await tx.insert(lessonApplications).values([
    {
      workspaceId,
      lessonId: refs.get('lesson:0')!,
      programmeId: hubs,
      decision: 'applied',
      note: 'Each hub’s councils signed a data sharing agreement before the shared tracker went live.',
      decidedByPersonId: recorder,
      decidedAt: londonInstant(addDays(today, -200), '15:00'),
    },
    {
      workspaceId,
      lessonId: refs.get('lesson:1')!,
      programmeId: hubs,
      decision: 'discuss',
      note: '',
      decidedByPersonId: recorder,
      decidedAt: londonInstant(addDays(today, -40), '15:00'),
    },
  ]);
}
