import { z } from 'zod';

/**
 * A backup is one gzip-compressed file of JSON lines, readable with `zcat`:
 *
 *   {"format":"bridgework-backup", …}      the header: when, from which engine, which migrations
 *   ["table","people"]                     a table begins
 *   {"id":"…","name":"…", …}               one line per row, as PostgreSQL's to_jsonb writes it
 *   ["rows","people",1234]                 the table ends, with how many rows it held
 *   ["complete","<sha256>"]                the last line: a digest of every line before it
 *
 * Rows are PostgreSQL's own JSON for the row, so every column type (files as
 * bytea, search vectors, arrays, timestamps) goes back through the same
 * engine's input functions on either database. A file without its last line
 * was cut short; one whose digest differs was changed or damaged.
 */
export const BACKUP_FORMAT = 'bridgework-backup';
export const BACKUP_VERSION = 1;

/** The name scheduled backups are written under, and the only files their pruning deletes. */
export const BACKUP_FILE_PATTERN = /^bridgework-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.jsonl\.gz$/;

export function backupFileName(at: Date): string {
  return `bridgework-backup-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.jsonl.gz`;
}

/**
 * Tables left out: who is signed in, password-reset links and failed sign-ins
 * are short-lived security state, not the organisation's data; restoring them
 * would bring back sign-ins and links that had ended.
 */
export const TABLES_NOT_BACKED_UP = ['sessions', 'password_resets', 'sign_in_failures'];

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  release: z.string(),
  migrations: z.array(z.object({ tag: z.string().optional(), createdAt: z.number(), hash: z.string() })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** A backup file that cannot be restored, with the reason in words for the operator. */
export class BackupProblem extends Error {}
