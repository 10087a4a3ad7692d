import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every workspace-owned table starts with: its id and the workspace it belongs to. */
export const id = () => uuid('id').primaryKey().defaultRandom();
/**
 * The id of a row in a workspace-owned table. Its primary key is (id, workspace_id), declared by the table:
 * Citus asks that a table distributed by workspace have the workspace in its primary key, and the id comes
 * first so that looking a row up by id alone still uses the key's index.
 */
export const rowId = () => uuid('id').notNull().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Bytes stored in the row (files up to the upload limit), read back as a Buffer on both databases. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
