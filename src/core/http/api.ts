/**
 * What every JSON API route shares: cursor pagination, list envelopes and the
 * problem document errors are sent as (RFC 9457). Features describe their
 * resources with Zod; the same schemas validate, serialise and become the
 * OpenAPI document.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { BadRequestError } from './errors.ts';

/** Pages of a list: at most 200 records each, walked with the opaque `next` cursor. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('How many records to return (1–200).'),
  cursor: z.string().max(400).optional().describe('The `next` value of the previous page.'),
});

/** A list response: the records and the cursor of the next page (null on the last). */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next: z.string().nullable().describe('Pass as `cursor` for the next page; null when there is none.') });

/** The problem document every API error is. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** Responses every API operation may give besides its own. */
export const commonProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema } as const;

/** The cursor carries the last record's sort key, so a page never repeats or skips a record when others are added. */
function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && key.length <= 200) return key;
  } catch {
    // Falls through to the error below.
  }
  throw new BadRequestError('The cursor is not one this API gave. Start again without a cursor.');
}

/** Fetch one more than asked, to know whether there is a next page. */
function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string): { data: T[]; next: string | null } {
  const data = rows.slice(0, limit);
  return { data, next: rows.length > limit ? encodeCursor(keyOf(data[data.length - 1])) : null };
}

/**
 * One page of a workspace table's rows in id order, after the cursor's id: the
 * list every API resource starts from. Id order is stable under inserts, so
 * walking the pages never repeats or skips a record.
 */
export async function pageById<T extends PgTable & { id: PgColumn; workspaceId: PgColumn }>(
  db: Executor,
  table: T,
  workspaceId: string,
  query: { limit: number; cursor?: string },
  /** What else a row must meet to be listed: what the asker may see (a lesson's status). */
  visible?: SQL,
): Promise<{ data: T['$inferSelect'][]; next: string | null }> {
  const after = decodeCursor(query.cursor);
  const conditions: SQL[] = [eq(table.workspaceId, workspaceId)];
  if (visible) conditions.push(visible);
  if (after) conditions.push(gt(table.id, after));
  // Widened to a plain table: Drizzle cannot check a generic table's selection, so the rows are typed below.
  const source: PgTable = table;
  const rows = (await db
    .select()
    .from(source)
    .where(and(...conditions))
    .orderBy(asc(table.id))
    .limit(query.limit + 1)) as T['$inferSelect'][];
  return pageOf(rows, query.limit, (row) => String((row as { id: string }).id));
}

export const isoDate = (date: Date | string | null | undefined) => (date ? new Date(date).toISOString() : null);
