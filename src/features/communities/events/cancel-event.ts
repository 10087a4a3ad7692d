import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { communityPolicy, type CommunityAccess } from '../policy.ts';
import type { Community } from '../queries.ts';
import type { Invitations } from './invitations.ts';
import { findEvent, registrantsOf } from './queries.ts';
import { notifyAboutEvent } from './event-notifications.ts';
import { communityEvents } from './tables.ts';

/**
 * Call an event off. It stays on the list, marked cancelled; everyone with a
 * place or waiting for one is told, and those with a place are sent a
 * cancellation that takes it out of their calendars.
 */
export function cancelEvent(db: Db, ctx: OperationContext, community: Community, access: CommunityAccess, eventId: string): Promise<Invitations[]> {
  return runOperation(db, ctx, 'cancel an event', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(communityPolicy.manageEvents(access), 'Only the community’s moderators cancel its events.');
    const event = await findEvent(tx, workspaceId, community.id, eventId);
    if (!event) throw new NotFoundError();
    if (event.cancelledAt) throw new RuleError('', 'This event is already cancelled.');
    if (event.endsAt <= new Date()) throw new RuleError('', 'This event has already happened, so it cannot be cancelled.');
    const [cancelled] = await tx
      .update(communityEvents)
      .set({ cancelledAt: new Date(), sequence: event.sequence + 1, updatedAt: new Date() })
      .where(and(eq(communityEvents.workspaceId, workspaceId), eq(communityEvents.id, event.id)))
      .returning();
    const registrants = await registrantsOf(tx, workspaceId, event.id);
    await notifyAboutEvent(
      tx,
      workspaceId,
      community,
      event,
      registrants.map((r) => r.personId),
      { kind: 'event_cancelled', title: `“${event.title}” has been cancelled`, actorPersonId: personIdOf(member) },
    );
    await audit({ action: 'community.event_cancelled', entityType: 'community_event', entityId: event.id, summary: `Cancelled “${event.title}”` });
    const holding = registrants.filter((r) => r.status === 'registered');
    return holding.length ? [{ event: cancelled, community, method: 'CANCEL', reason: 'cancelled', people: holding }] : [];
  });
}
