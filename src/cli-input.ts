/** Reading what the operator gave the command line: options, files and a password. */
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Database } from './core/db/client.ts';
import { accounts } from './core/db/tables.ts';
import { hashPassword, passwordSchema } from './core/auth/passwords.ts';

/** Bad usage: the command line says what is wrong and exits with code 2. */
export class UsageError extends Error {}

/** A file the operator named, or a usage error saying it cannot be read. */
export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(`Cannot read ${file}`);
  }
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

async function readPassword(given?: string): Promise<string | undefined> {
  if (given) return given;
  if (process.env.BRIDGEWORK_PASSWORD) return process.env.BRIDGEWORK_PASSWORD;
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] || undefined;
}

export async function passwordHashFor(db: Database['db'], email: string, given?: string): Promise<string> {
  const [existing] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, email));
  const password = await readPassword(given);
  if (!password) {
    if (existing) return '';
    throw new UsageError('Give a password with --password, BRIDGEWORK_PASSWORD or on standard input');
  }
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(checked.error.issues[0].message);
  return hashPassword(password);
}
