import { and, eq, sql } from 'drizzle-orm';
import { changedFields } from '../../../core/audit.ts';
import { rows, type Db, type Executor } from '../../../core/db/client.ts';
import { uuidArray } from '../../../core/db/uuid.ts';
import { londonInstant } from '../../../core/dates.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { formatWhenRange } from '../../../core/views/format.ts';
import { plainExcerpt } from '../../notifications/notify.ts';
import { notifyAboutEvent } from './event-notifications.ts';
import { communityPolicy, type CommunityAccess } from '../policy.ts';
import type { Community } from '../queries.ts';
import { communityMembers } from '../tables.ts';
import type { Invitations } from './invitations.ts';
import { findEvent, registrantsOf } from './queries.ts';
import { fillFreedPlaces } from './register-for-event.ts';
import type { EventInput } from './schemas.ts';
import { indexEvent } from './search-text.ts';
import { communityEvents, eventSpeakers } from './tables.ts';

async function checkedSpeakers(tx: Executor, workspaceId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = await rows<{ id: string }>(tx, sql`select id from people where workspace_id = ${workspaceId} and id = any(${uuidArray(unique)})`);
  if (found.length !== unique.length) throw new RuleError('speakerIds', 'Choose speakers from the list');
  return unique;
}

async function setSpeakers(tx: Executor, workspaceId: string, eventId: string, speakerIds: string[]) {
  await tx.delete(eventSpeakers).where(and(eq(eventSpeakers.workspaceId, workspaceId), eq(eventSpeakers.eventId, eventId)));
  if (speakerIds.length) await tx.insert(eventSpeakers).values(speakerIds.map((personId, position) => ({ workspaceId, eventId, personId, position })));
}

/**
 * Plan an event (members hear of it), or change one. A change to when or
 * where it happens raises its sequence and sends everyone with a place an
 * updated invitation; more places give the waiting list theirs; fewer places
 * than people already holding one is refused rather than taking places away.
 */
export async function saveEvent(
  db: Db,
  ctx: OperationContext,
  community: Community,
  access: CommunityAccess,
  input: EventInput,
  eventId?: string,
): Promise<{ id: string; invitations: Invitations[] }> {
  return runOperation(db, ctx, 'save an event', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(communityPolicy.manageEvents(access), 'Only the community’s moderators plan its events.');
    const speakerIds = await checkedSpeakers(tx, workspaceId, input.speakerIds);
    const fields = {
      title: input.title,
      description: input.description,
      agenda: input.agenda,
      startsAt: londonInstant(input.date, input.startTime),
      endsAt: londonInstant(input.date, input.endTime),
      joiningLink: input.joiningLink,
      place: input.place,
      capacity: input.capacity,
    };
    const before = eventId ? await findEvent(tx, workspaceId, community.id, eventId) : undefined;
    if (eventId && !before) throw new NotFoundError();

    if (!before) {
      const [created] = await tx
        .insert(communityEvents)
        .values({ workspaceId, communityId: community.id, ...fields, createdByPersonId: personIdOf(member) })
        .returning();
      await setSpeakers(tx, workspaceId, created.id, speakerIds);
      await indexEvent(tx, workspaceId, created.id);
      const members = await tx
        .select({ personId: communityMembers.personId })
        .from(communityMembers)
        .where(and(eq(communityMembers.workspaceId, workspaceId), eq(communityMembers.communityId, community.id)));
      await notifyAboutEvent(
        tx,
        workspaceId,
        community,
        created,
        members.map((m) => m.personId),
        {
          kind: 'event_planned',
          title: `${actor.name} planned “${created.title}” in ${community.name}, ${formatWhenRange(created.startsAt, created.endsAt)}`,
          excerpt: plainExcerpt(created.description),
          actorPersonId: personIdOf(member),
        },
      );
      await audit({
        action: 'community.event_planned',
        entityType: 'community_event',
        entityId: created.id,
        summary: `Planned “${created.title}” in “${community.name}”`,
      });
      return { id: created.id, invitations: [] };
    }

    if (before.cancelledAt) throw new RuleError('', 'This event was cancelled, so it can no longer be changed.');
    const registrants = await registrantsOf(tx, workspaceId, before.id);
    const holding = registrants.filter((r) => r.status === 'registered');
    if (fields.capacity !== null && fields.capacity < holding.length)
      throw new RuleError(
        'capacity',
        `${holding.length} people already have places, so there must be at least ${holding.length}. To take places away, ask people to give theirs up.`,
      );
    const moved =
      before.startsAt.getTime() !== fields.startsAt.getTime() ||
      before.endsAt.getTime() !== fields.endsAt.getTime() ||
      before.place !== fields.place ||
      before.joiningLink !== fields.joiningLink ||
      before.title !== fields.title;
    const [saved] = await tx
      .update(communityEvents)
      .set({ ...fields, sequence: moved ? before.sequence + 1 : before.sequence, updatedAt: new Date() })
      .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.id, before.id)))
      .returning();
    await setSpeakers(tx, workspaceId, saved.id, speakerIds);
    await indexEvent(tx, workspaceId, saved.id);
    const promoted = await fillFreedPlaces(tx, workspaceId, community, saved, personIdOf(member));
    const invitations: Invitations[] = [];
    if (moved && holding.length) {
      invitations.push({ event: saved, community, method: 'REQUEST', reason: 'changed', people: holding });
      await notifyAboutEvent(
        tx,
        workspaceId,
        community,
        saved,
        holding.map((r) => r.personId),
        {
          kind: 'event_changed',
          title: `“${saved.title}” has changed: now ${formatWhenRange(saved.startsAt, saved.endsAt)}`,
          actorPersonId: personIdOf(member),
        },
      );
    }
    if (promoted.length) invitations.push({ event: saved, community, method: 'REQUEST', reason: 'promoted', people: promoted });
    const { date: _date, startTime: _start, endTime: _end, speakerIds: _speakers, ...rest } = input;
    await audit({
      action: 'community.event_changed',
      entityType: 'community_event',
      entityId: saved.id,
      summary: `Changed “${saved.title}” in “${community.name}”`,
      changes: changedFields(before, { ...rest, startsAt: fields.startsAt, endsAt: fields.endsAt }),
    });
    return { id: saved.id, invitations };
  });
}
