/**
 * The events a webhook can be sent, as operations publish them. Each body is
 * `{ id, type, timestamp, workspace: { slug, name }, data }`; `data` names the
 * record and links to its page (`url`). docs/webhooks.md shows each in full.
 */
export const WEBHOOK_EVENT_TYPES = [
  { type: 'return.submitted', label: 'A site’s checkpoint return is submitted' },
  { type: 'round.closed', label: 'A checkpoint round is closed' },
  { type: 'survey.closed', label: 'A survey is closed' },
  { type: 'lesson.published', label: 'A lesson is published' },
  { type: 'thread.solved', label: 'A community question is solved' },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]['type'];

/** The event a "send a test event" button sends: it is sent whatever the endpoint subscribes to. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const eventTypeLabel = (type: string): string =>
  type === TEST_EVENT_TYPE ? 'Test event' : (WEBHOOK_EVENT_TYPES.find((event) => event.type === type)?.label ?? type);
