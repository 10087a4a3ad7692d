import { sql } from 'drizzle-orm';
import { rows } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { notificationScopes } from '../notifications/scopes.ts';

/**
 * Communities are where notifications happen: a reader sees those about open
 * communities and invite-only ones they belong to (staff see all), so someone
 * removed from an invite-only community stops seeing, and being e-mailed
 * about, what happens there.
 */
export function registerCommunityNotifications(): void {
  notificationScopes.set('community', {
    noun: 'community',
    visibleIds: (workspaceId, reader) =>
      reader.staff
        ? sql`select c.id from communities c where c.workspace_id = ${workspaceId}`
        : sql`select c.id from communities c where c.workspace_id = ${workspaceId} and (c.visibility = 'open' or exists (
            select 1 from community_members m where m.workspace_id = c.workspace_id and m.community_id = c.id and m.person_id = ${reader.personId}))`,
    scopesOf: (db, workspaceId, personId) =>
      rows<{ id: string; name: string }>(
        db,
        sql`select c.id, c.name from community_members m join communities c on c.workspace_id = m.workspace_id and c.id = m.community_id
            where m.workspace_id = ${workspaceId} and m.person_id = ${personId} order by c.name`,
      ),
    names: async (db, workspaceId, ids) => {
      const found = await rows<{ id: string; name: string }>(
        db,
        sql`select id, name from communities where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`,
      );
      return new Map(found.map((row) => [row.id, row.name]));
    },
  });
}
