import { and, eq } from 'drizzle-orm';
import { changedFields } from '../../../core/audit.ts';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { formatDate } from '../../../core/views/format.ts';
import { notify, plainExcerpt } from '../../notifications/notify.ts';
import { communityPolicy, type CommunityAccess } from '../policy.ts';
import type { Community } from '../queries.ts';
import { indexThread } from '../search-text.ts';
import { communityThreads } from '../tables.ts';
import { startFollowing, threadSubject } from '../thread-notifications.ts';
import { findEvent, registrantsOf } from './queries.ts';
import type { EventNotesInput } from './schemas.ts';
import { indexEvent } from './search-text.ts';
import { communityEvents } from './tables.ts';

/** The notes as the thread's opening post: what was said, the recording, and who does what next. */
export function notesPost(event: { title: string; startsAt: Date }, input: EventNotesInput): string {
  return [
    `Notes from “${event.title}” on ${formatDate(event.startsAt)}.`,
    input.notes,
    input.recordingLink ? `**Recording:** <${input.recordingLink}>` : '',
    input.actions ? `**Actions**\n\n${input.actions}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * After an event: keep its notes, recording and actions, and open them as a
 * thread in the community (followed by everyone who had a place), so the
 * conversation carries on where members already talk. Writing them again
 * updates the same thread.
 */
export function recordEventNotes(
  db: Db,
  ctx: OperationContext,
  community: Community,
  access: CommunityAccess,
  eventId: string,
  input: EventNotesInput,
): Promise<{ threadId: string }> {
  return runOperation(db, ctx, 'record an event’s notes', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(communityPolicy.manageEvents(access), 'Only the community’s moderators write up its events.');
    const event = await findEvent(tx, workspaceId, community.id, eventId);
    if (!event) throw new NotFoundError();
    if (event.cancelledAt) throw new RuleError('notes', 'This event was cancelled, so it has no notes.');
    if (event.startsAt > new Date()) throw new RuleError('notes', 'Notes can be written once the event has begun.');
    const body = notesPost(event, input);
    const [existing] = event.notesThreadId
      ? await tx
          .select({ id: communityThreads.id })
          .from(communityThreads)
          .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, event.notesThreadId)))
      : [];
    let threadId: string;
    if (existing) {
      threadId = existing.id;
      await tx
        .update(communityThreads)
        .set({ body, updatedAt: new Date() })
        .where(and(eq(communityThreads.workspaceId, workspaceId), eq(communityThreads.id, threadId)));
    } else {
      const [thread] = await tx
        .insert(communityThreads)
        .values({ workspaceId, communityId: community.id, kind: 'discussion', title: `Notes: ${event.title}`, body, authorPersonId: personIdOf(member) })
        .returning({ id: communityThreads.id });
      threadId = thread.id;
      const registrants = await registrantsOf(tx, workspaceId, event.id);
      const attended = registrants.filter((r) => r.status === 'registered').map((r) => r.personId);
      for (const personId of [personIdOf(member), ...attended]) await startFollowing(tx, workspaceId, threadId, personId);
      await notify(tx, workspaceId, attended, {
        kind: 'community.event_notes',
        scope: { kind: 'community', id: community.id },
        subjectKey: threadSubject(threadId),
        title: `${actor.name} shared the notes from “${event.title}”`,
        excerpt: plainExcerpt(input.notes),
        path: `/communities/${community.id}/threads/${threadId}`,
        actorPersonId: personIdOf(member),
      });
    }
    await tx
      .update(communityEvents)
      .set({ ...input, notesThreadId: threadId, updatedAt: new Date() })
      .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.id, event.id)));
    await indexThread(tx, workspaceId, threadId);
    await indexEvent(tx, workspaceId, event.id);
    await audit({
      action: 'community.event_notes',
      entityType: 'community_event',
      entityId: event.id,
      summary: `${existing ? 'Changed' : 'Wrote up'} the notes from “${event.title}”`,
      changes: changedFields(event, input),
    });
    return { threadId };
  });
}
