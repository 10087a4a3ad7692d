import { eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { privacySettings } from './tables.ts';

/** A workspace's privacy notice and retention rules; none written yet is an empty notice that keeps everything. */
export async function settingsOf(db: Executor, workspaceId: string): Promise<Pick<typeof privacySettings.$inferSelect, 'notice' | 'retention'>> {
  const [settings] = await db
    .select({ notice: privacySettings.notice, retention: privacySettings.retention })
    .from(privacySettings)
    .where(eq(privacySettings.workspaceId, workspaceId));
  return settings ?? { notice: '', retention: {} };
}
