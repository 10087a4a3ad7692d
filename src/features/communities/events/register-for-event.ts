import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../core/db/client.ts';
import { isUuid } from '../../../core/db/uuid.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { notifyAboutEvent } from './event-notifications.ts';
import { communityPolicy, type CommunityAccess } from '../policy.ts';
import type { Community } from '../queries.ts';
import type { Invitations } from './invitations.ts';
import { registrantsOf, type CommunityEvent, type Registrant } from './queries.ts';
import { communityEvents, eventRegistrations, type RegistrationStatus } from './tables.ts';

/**
 * The event, locked until the transaction ends: two people asking for the
 * last place at once take turns, so the cap is never passed.
 */
async function lockedEvent(tx: Executor, workspaceId: string, communityId: string, eventId: string): Promise<CommunityEvent> {
  if (!isUuid(eventId)) throw new NotFoundError();
  const [event] = await tx
    .select()
    .from(communityEvents)
    .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.communityId, communityId), eq(communityEvents.id, eventId)))
    .for('update');
  if (!event) throw new NotFoundError();
  return event;
}

async function setStatus(tx: Executor, workspaceId: string, eventId: string, personId: string, status: RegistrationStatus) {
  await tx
    .update(eventRegistrations)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(eventRegistrations.workspaceId, workspaceId), eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, personId)));
}

/**
 * Give free places to the waiting list, first come first served, and tell
 * each person promoted. Returns them, for their invitations.
 */
export async function fillFreedPlaces(
  tx: Executor,
  workspaceId: string,
  community: { id: string; name: string },
  event: CommunityEvent,
  actorPersonId: string | null,
): Promise<Registrant[]> {
  if (event.cancelledAt || event.endsAt <= new Date()) return [];
  const registrants = await registrantsOf(tx, workspaceId, event.id);
  const holding = registrants.filter((r) => r.status === 'registered').length;
  const waiting = registrants.filter((r) => r.status === 'waiting');
  const free = event.capacity === null ? waiting.length : Math.max(0, event.capacity - holding);
  const promoted = waiting.slice(0, free);
  for (const person of promoted) await setStatus(tx, workspaceId, event.id, person.personId, 'registered');
  if (promoted.length)
    await notifyAboutEvent(
      tx,
      workspaceId,
      community,
      event,
      promoted.map((p) => p.personId),
      { kind: 'event_place', title: `A place came free at “${event.title}”: it is yours`, actorPersonId },
    );
  return promoted;
}

export interface RegistrationResult {
  status: 'registered' | 'waiting';
  /** Their place in the waiting list, from 1. */
  position: number | null;
  invitations: Invitations[];
}

/**
 * Ask for a place: given one while any are left, otherwise put on the waiting
 * list. Asking again changes nothing; someone who gave up a place goes to
 * the back of the line.
 */
export function registerForEvent(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, eventId: string): Promise<RegistrationResult> {
  return runOperation(db, ctx, 'register for an event', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(communityPolicy.register(access), 'Only people who can read this community can register for its events.');
    const event = await lockedEvent(tx, workspaceId, community.id, eventId);
    if (event.cancelledAt) throw new RuleError('', 'This event was cancelled.');
    if (event.endsAt <= new Date()) throw new RuleError('', 'This event has finished.');
    const registrants = await registrantsOf(tx, workspaceId, event.id);
    const waitingPosition = (personId: string) => registrants.filter((r) => r.status === 'waiting').findIndex((r) => r.personId === personId) + 1;
    const already = registrants.find((r) => r.personId === member.personId);
    if (already)
      return {
        status: already.status as 'registered' | 'waiting',
        position: already.status === 'waiting' ? waitingPosition(already.personId) : null,
        invitations: [],
      };
    const holding = registrants.filter((r) => r.status === 'registered').length;
    const status = event.capacity === null || holding < event.capacity ? 'registered' : 'waiting';
    await tx
      .insert(eventRegistrations)
      .values({ workspaceId, eventId: event.id, personId: member.personId, status })
      .onConflictDoUpdate({
        target: [eventRegistrations.eventId, eventRegistrations.personId, eventRegistrations.workspaceId],
        set: { status, requestedAt: new Date(), updatedAt: new Date() },
      });
    await audit({
      action: status === 'registered' ? 'community.event_registered' : 'community.event_waiting',
      entityType: 'community_event',
      entityId: event.id,
      summary: status === 'registered' ? `Took a place at “${event.title}”` : `Joined the waiting list for “${event.title}”`,
    });
    const me = (await registrantsOf(tx, workspaceId, event.id)).find((r) => r.personId === member.personId)!;
    return {
      status,
      position: status === 'waiting' ? registrants.filter((r) => r.status === 'waiting').length + 1 : null,
      invitations: status === 'registered' ? [{ event, community, method: 'REQUEST', reason: 'registered', people: [me] }] : [],
    };
  });
}

/**
 * Give up a place (or leave the waiting list). The place goes to the first
 * person waiting, who is told and sent the invitation; the person leaving is
 * sent a cancellation that takes the event out of their calendar.
 */
export function cancelRegistration(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, eventId: string): Promise<Invitations[]> {
  return runOperation(
    db,
    ctx,
    'give up a place at an event',
    async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(communityPolicy.giveUpPlace(access), 'Only people in the workspace hold places at events.');
      const event = await lockedEvent(tx, workspaceId, community.id, eventId);
      // Only the person's own row is touched: their place is theirs to give up.
      const mine = (await registrantsOf(tx, workspaceId, event.id)).find((r) => r.personId === member.personId);
      if (!mine) return [];
      await setStatus(tx, workspaceId, event.id, mine.personId, 'cancelled');
      await audit({
        action: 'community.event_place_given_up',
        entityType: 'community_event',
        entityId: event.id,
        summary: mine.status === 'registered' ? `Gave up a place at “${event.title}”` : `Left the waiting list for “${event.title}”`,
      });
      if (mine.status !== 'registered') return [];
      const promoted = await fillFreedPlaces(tx, workspaceId, community, event, personIdOf(member));
      const invitations: Invitations[] = [{ event, community, method: 'CANCEL', reason: 'left', people: [mine] }];
      if (promoted.length) invitations.push({ event, community, method: 'REQUEST', reason: 'promoted', people: promoted });
      return invitations;
    },
    { auditOptional: true },
  );
}
