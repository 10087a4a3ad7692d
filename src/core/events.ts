import { workspaceEvents } from './db/tables.ts';
import type { Tx } from './db/client.ts';

/** What an operation tells the world outside happened, as systems listening (webhooks) receive it. */
export interface WorkspaceEvent {
  /** A name of the form `thing.happened`: `return.submitted`, `lesson.published`. */
  type: string;
  entityType: string;
  entityId: string;
  /** What a listener needs without asking again: names, numbers, and `path`s to the pages concerned. */
  data: Record<string, unknown>;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Be told, just after a transaction that published events commits, that there
 * are events to pass on (the app queues the webhook dispatch). Listeners only
 * hasten the work: the outbox table is swept on a schedule all the same, so an
 * event is passed on even if this process stops first. Returns the unsubscribe.
 */
export function onEventsPublished(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Record an event in the transaction that makes the change, so it exists exactly when the change does. */
export async function recordEvent(tx: Tx, workspaceId: string, event: WorkspaceEvent): Promise<void> {
  await tx.insert(workspaceEvents).values({ workspaceId, ...event });
}

/** Called by runOperation after a commit that recorded events. */
export function announceEvents(): void {
  for (const listener of listeners) listener();
}
