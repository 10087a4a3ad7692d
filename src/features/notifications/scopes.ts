import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';

/** Who is reading: a person, and whether they are the workspace's staff (who see every community). */
export interface Reader {
  personId: string;
  staff: boolean;
}

/**
 * A kind of place notifications happen in (a community), told to this feature
 * by the feature that owns it, so notifications stay below it: which of them
 * a reader may still see, and which a person belongs to (for the settings).
 */
export interface NotificationScope {
  /** One word for the settings page ("community"). */
  noun: string;
  /** A subquery of the ids of this kind the reader may see now; checked on every list, count and digest. */
  visibleIds(workspaceId: string, reader: Reader): SQL;
  /** The ones the person belongs to, by name, for per-scope e-mail settings. */
  scopesOf(db: Executor, workspaceId: string, personId: string): Promise<Array<{ id: string; name: string }>>;
  /** Names by id, to head each group in a digest. */
  names(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, string>>;
}

export const notificationScopes = new Map<string, NotificationScope>();
