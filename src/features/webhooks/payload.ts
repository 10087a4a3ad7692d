/**
 * The body an endpoint is sent. Operations publish pages as `path`s, because
 * the server's public address is configuration; here each becomes a full `url`.
 */
export function webhookBody(
  event: { id: string; type: string; occurredAt: Date; data: Record<string, unknown> },
  workspace: { slug: string; name: string },
  publicUrl: string,
): string {
  const withUrls = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withUrls);
    if (!value || typeof value !== 'object' || value instanceof Date) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => (key === 'path' && typeof inner === 'string' ? ['url', `${publicUrl}${inner}`] : [key, withUrls(inner)])),
    );
  };
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    workspace: { slug: workspace.slug, name: workspace.name },
    data: withUrls(event.data),
  });
}
