import type { Executor } from '../../../core/db/client.ts';
import { notify } from '../../notifications/notify.ts';

/** What a notification about an event is about: opening the event marks them read. */
export const eventSubject = (eventId: string) => `community_event:${eventId}`;

/** Tell these people something about an event, in its community's scope, linking to the event's page. */
export function notifyAboutEvent(
  tx: Executor,
  workspaceId: string,
  community: { id: string },
  event: { id: string },
  recipients: Iterable<string>,
  told: { kind: string; title: string; excerpt?: string; actorPersonId: string | null },
): Promise<number> {
  return notify(tx, workspaceId, recipients, {
    ...told,
    kind: `community.${told.kind}`,
    scope: { kind: 'community', id: community.id },
    subjectKey: eventSubject(event.id),
    path: `/communities/${community.id}/events/${event.id}`,
  });
}
