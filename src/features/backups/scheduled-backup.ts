import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../core/db/client.ts';
import { BACKUP_FILE_PATTERN, backupFileName } from './format.ts';
import { writeBackup, type BackupSummary } from './write-backup.ts';

export const SCHEDULED_BACKUP_JOB = 'backups.scheduled';

/**
 * The scheduled backup: one file named by its time in the folder, then all
 * but the newest `keep` of the folder's scheduled backups deleted (other
 * files, including backups taken by hand under other names, are left alone).
 * Older ones go only after the new one is complete.
 */
export async function runScheduledBackup(
  database: Database,
  options: { dir: string; keep: number; now?: Date },
): Promise<{ made: BackupSummary; removed: string[] }> {
  await mkdir(options.dir, { recursive: true });
  const made = await writeBackup(database, path.join(options.dir, backupFileName(options.now ?? new Date())), options.now);
  const scheduled = (await readdir(options.dir)).filter((name) => BACKUP_FILE_PATTERN.test(name)).sort();
  const removed = scheduled.slice(0, Math.max(0, scheduled.length - options.keep));
  for (const name of removed) await rm(path.join(options.dir, name));
  return { made, removed };
}
