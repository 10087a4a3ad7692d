import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import { indexDocuments } from '../../search/index-documents.ts';
import { communities } from '../tables.ts';
import { speakersOf } from './queries.ts';
import { communityEvents } from './tables.ts';

/** Events and webinars in the one search index: found by their title, agenda, notes and speakers. */
export const EVENT_KIND = 'community_event';

/** (Re)index one event, with its community's name and its speakers to match on. */
export async function indexEvent(tx: Executor, workspaceId: string, eventId: string): Promise<void> {
  const [event] = await tx
    .select({
      id: communityEvents.id,
      title: communityEvents.title,
      description: communityEvents.description,
      agenda: communityEvents.agenda,
      notes: communityEvents.notes,
      actions: communityEvents.actions,
      community: communities.name,
    })
    .from(communityEvents)
    .innerJoin(communities, and(eq(communities.workspaceId, communityEvents.workspaceId), eq(communities.id, communityEvents.communityId)))
    .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.id, eventId)));
  if (!event) return;
  const speakers = await speakersOf(tx, workspaceId, eventId);
  await indexDocuments(tx, workspaceId, [
    {
      kind: EVENT_KIND,
      sourceId: event.id,
      title: event.title,
      body: [event.description, event.agenda, event.notes, event.actions].filter(Boolean).join('\n\n'),
      keywords: [event.community, ...speakers.map((s) => s.fullName)].join(' '),
    },
  ]);
}
