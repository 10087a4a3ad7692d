import type { Db } from '../../src/core/db/client.ts';
import { communities, communityPosts, communityThreads } from '../../src/features/communities/tables.ts';
import { checkpointBriefings } from '../../src/features/delivery/briefings/tables.ts';
import {
  checkpointReturns,
  checkpointRounds,
  deliverySites,
  deliveryThemes,
  returnTemplates,
  themeCodings,
  themeResponses,
} from '../../src/features/delivery/tables.ts';
import { standardDefinition } from '../../src/features/delivery/template/definition.ts';
import { attendance, cohortMembers, programmeSessions, programmes } from '../../src/features/programmes/tables.ts';
import { guideVersions, guides, type GuideContent } from '../../src/features/guides/tables.ts';
import { readingListItems, readingLists } from '../../src/features/reading-lists/tables.ts';

/**
 * Records for the API's contract test, straight into the database (each
 * feature's pages and rules are tested in its own folder), and a request for
 * each documented operation.
 */

/** A request for each documented operation; a new operation without one fails the test below, so none goes untried. */
export function exampleRequests(ids: Record<string, string>): Record<string, { url: string; body?: unknown }> {
  return {
    'get /api/v1/people': { url: '/api/v1/people' },
    'post /api/v1/people': { url: '/api/v1/people', body: { fullName: 'Documented Person' } },
    'get /api/v1/people/{id}': { url: `/api/v1/people/${ids.person}` },
    'put /api/v1/people/{id}': { url: `/api/v1/people/${ids.person}`, body: { fullName: 'Documented Person', jobTitle: 'Analyst' } },
    'get /api/v1/organisations': { url: '/api/v1/organisations' },
    'get /api/v1/organisations/{id}': { url: `/api/v1/organisations/${ids.organisation}` },
    'get /api/v1/topics': { url: '/api/v1/topics' },
    'post /api/v1/topics': { url: '/api/v1/topics', body: { name: 'Documented topic' } },
    'get /api/v1/topics/{id}': { url: `/api/v1/topics/${ids.topic}` },
    'get /api/v1/evidence': { url: '/api/v1/evidence' },
    'get /api/v1/evidence/{id}': { url: `/api/v1/evidence/${ids.evidence}` },
    'post /api/v1/evidence': {
      url: '/api/v1/evidence',
      body: { sourceType: 'research_study', title: 'A documented study', authors: ['Shah, Priya'], year: 2024 },
    },
    'put /api/v1/evidence/{id}': {
      url: `/api/v1/evidence/${ids.evidence}`,
      body: { sourceType: 'guidance', title: 'Documented guidance', topicIds: [ids.topic] },
    },
    'get /api/v1/lessons': { url: '/api/v1/lessons' },
    'get /api/v1/lessons/{id}': { url: `/api/v1/lessons/${ids.lesson}` },
    'get /api/v1/programmes': { url: '/api/v1/programmes' },
    'get /api/v1/programmes/{id}': { url: `/api/v1/programmes/${ids.programme}` },
    'get /api/v1/programmes/{id}/sessions': { url: `/api/v1/programmes/${ids.programme}/sessions` },
    'get /api/v1/programmes/{id}/sessions/{sessionId}/attendance': { url: `/api/v1/programmes/${ids.programme}/sessions/${ids.session}/attendance` },
    'put /api/v1/programmes/{id}/sessions/{sessionId}/attendance': {
      url: `/api/v1/programmes/${ids.programme}/sessions/${ids.session}/attendance`,
      body: { data: [{ personId: ids.person, status: 'apologies' }] },
    },
    'get /api/v1/programmes/{id}/evaluation': { url: `/api/v1/programmes/${ids.programme}/evaluation` },
    'get /api/v1/guides': { url: '/api/v1/guides' },
    'get /api/v1/guides/{id}': { url: `/api/v1/guides/${ids.guide}` },
    'get /api/v1/reading-lists': { url: '/api/v1/reading-lists' },
    'get /api/v1/reading-lists/{id}': { url: `/api/v1/reading-lists/${ids.readingList}` },
    'get /api/v1/communities': { url: '/api/v1/communities' },
    'get /api/v1/communities/{id}/threads': { url: `/api/v1/communities/${ids.community}/threads` },
    'get /api/v1/communities/{id}/threads/{threadId}': { url: `/api/v1/communities/${ids.community}/threads/${ids.thread}` },
    'get /api/v1/programmes/{id}/sites': { url: `/api/v1/programmes/${ids.delivery}/sites` },
    'get /api/v1/programmes/{id}/rounds': { url: `/api/v1/programmes/${ids.delivery}/rounds` },
    'get /api/v1/programmes/{id}/returns': { url: `/api/v1/programmes/${ids.delivery}/returns` },
    'get /api/v1/programmes/{id}/returns/{returnId}': { url: `/api/v1/programmes/${ids.delivery}/returns/${ids.deliveryReturn}` },
    'put /api/v1/programmes/{id}/rounds/{roundId}/sites/{siteId}/return': {
      url: `/api/v1/programmes/${ids.delivery}/rounds/${ids.deliveryRound}/sites/${ids.deliverySite}/return`,
      body: { revision: 1, content: { workstreams: { w1: { rag: 'amber', commentary: 'Recruitment is slow.' } }, indicators: { i11: 5 } } },
    },
    'get /api/v1/programmes/{id}/themes': { url: `/api/v1/programmes/${ids.delivery}/themes` },
    'get /api/v1/programmes/{id}/theme-responses': { url: `/api/v1/programmes/${ids.delivery}/theme-responses` },
    'get /api/v1/programmes/{id}/briefings': { url: `/api/v1/programmes/${ids.delivery}/briefings` },
  };
}

/** A reading list of one item, with a note. */
export async function insertReadingList(db: Db, workspaceId: string, evidenceId: string): Promise<string> {
  const [list] = await db.insert(readingLists).values({ workspaceId, title: 'A documented reading list' }).returning();
  await db.insert(readingListItems).values({ workspaceId, listId: list.id, evidenceId, position: 1, note: 'Start here' });
  return list.id;
}

/** A cohort programme. */
export async function insertProgramme(db: Db, workspaceId: string, name: string): Promise<string> {
  const [row] = await db
    .insert(programmes)
    .values({ workspaceId, name, kind: 'cohort_learning', startsOn: '2026-09-01', endsOn: '2027-07-31', calendarToken: crypto.randomUUID() })
    .returning({ id: programmes.id });
  return row.id;
}

/** A session that has happened, with the attendance of one participant of the cohort. */
export async function insertSession(db: Db, workspaceId: string, programmeId: string, personId: string): Promise<string> {
  const [session] = await db
    .insert(programmeSessions)
    .values({
      workspaceId,
      programmeId,
      kind: 'masterclass',
      title: 'Opening masterclass',
      startsAt: new Date('2026-09-10T09:30:00Z'),
      endsAt: new Date('2026-09-10T12:00:00Z'),
    })
    .returning({ id: programmeSessions.id });
  await db.insert(cohortMembers).values({ workspaceId, programmeId, personId, role: 'participant' }).onConflictDoNothing();
  await db.insert(attendance).values({ workspaceId, sessionId: session.id, personId, status: 'attended' });
  return session.id;
}

/** A delivery programme with one site, one round, its submitted return coded with a theme the department answered, and the round's shared briefing. */
export async function insertDeliveryProgramme(db: Db, workspaceId: string, organisationId: string) {
  const [row] = await db
    .insert(programmes)
    .values({
      workspaceId,
      name: 'A documented delivery programme',
      kind: 'delivery_support',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      calendarToken: crypto.randomUUID(),
    })
    .returning({ id: programmes.id });
  const programmeId = row.id;
  const [site] = await db.insert(deliverySites).values({ workspaceId, programmeId, organisationId }).returning();
  const [template] = await db
    .insert(returnTemplates)
    .values({ workspaceId, programmeId, version: 1, definition: standardDefinition('2026-01-01') })
    .returning();
  const [round] = await db
    .insert(checkpointRounds)
    .values({
      workspaceId,
      programmeId,
      number: 1,
      title: 'January 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      dueOn: '2026-02-10',
      templateId: template.id,
      status: 'open',
    })
    .returning();
  const [saved] = await db
    .insert(checkpointReturns)
    .values({
      workspaceId,
      programmeId,
      roundId: round.id,
      siteId: site.id,
      templateId: template.id,
      status: 'submitted',
      submittedAt: new Date(),
      content: { workstreams: { w1: { rag: 'green', commentary: '' } }, milestones: {}, indicators: { i1: 4, i2: null }, sections: { s1: 'Going well.' } },
    })
    .returning();
  const [theme] = await db.insert(deliveryThemes).values({ workspaceId, programmeId, name: 'Recruiting carers' }).returning();
  await db.insert(themeCodings).values({ workspaceId, programmeId, themeId: theme.id, returnId: saved.id, sectionKey: 's1', excerpt: 'Going well.' });
  await db.insert(themeResponses).values({ workspaceId, programmeId, themeId: theme.id, roundId: round.id, response: 'We are funding a campaign.' });
  await db
    .insert(checkpointBriefings)
    .values({ workspaceId, programmeId, roundId: round.id, headline: 'Steady progress', status: 'shared', sharedAt: new Date() });
  return { delivery: programmeId, deliveryReturn: saved.id, deliveryRound: round.id, deliverySite: site.id };
}

/** An open community with a thread and an edited reply. */
export async function insertCommunityThread(db: Db, workspaceId: string, personId: string) {
  const [community] = await db.insert(communities).values({ workspaceId, name: 'A documented community' }).returning();
  const [thread] = await db
    .insert(communityThreads)
    .values({ workspaceId, communityId: community.id, title: 'A documented thread', body: 'Opening words', authorPersonId: personId })
    .returning();
  await db.insert(communityPosts).values({ workspaceId, threadId: thread.id, body: 'A reply', authorPersonId: personId, editedAt: new Date() });
  return { community: community.id, thread: thread.id };
}

/** A guide of one section and one step, at its first version. */
export async function insertGuide(db: Db, workspaceId: string, lessonId: string): Promise<{ guide: string; content: GuideContent }> {
  const content: GuideContent = {
    title: 'A documented guide',
    summary: 'How to start',
    sections: [
      {
        key: 's1',
        title: 'Before you start',
        steps: [
          {
            key: 'a1',
            title: 'Agree the hub’s aims',
            guidance: 'Meet the **directors** first.',
            checklist: ['Terms of reference'],
            lessonIds: [lessonId],
            evidenceIds: [],
          },
        ],
      },
    ],
  };
  const [guide] = await db
    .insert(guides)
    .values({ workspaceId, title: content.title, summary: content.summary, slug: 'a-documented-guide', reviewDueOn: '2027-06-30' })
    .returning();
  await db.insert(guideVersions).values({ workspaceId, guideId: guide.id, number: 1, content, changeNote: 'First version' });
  return { guide: guide.id, content };
}
