/**
 * Checks what the whole test run recorded (test/support/recorder.ts):
 * - every non-GET route succeeded at least once having written an audit row,
 *   or is on the short list in test/audit-exceptions.ts;
 * - every SQL statement on a workspace table is scoped by workspace_id.
 * Run by scripts/test.ts after a full run; prints what it found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../src/schema.ts';
import { auditExceptions } from '../test/audit-exceptions.ts';
import { scopeExceptions } from '../test/scope-exceptions.ts';

interface Served {
  method: string;
  url: string;
  status: number;
  audits: string[];
}

function readLines(dir: string, prefix: string): unknown[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    );
}

/** Non-GET routes that never succeeded with an audit row, and exceptions no longer needed. */
export function unauditedRoutes(dir: string) {
  const lines = readLines(dir, 'routes-') as Array<{ registered?: { method: string; url: string }; served?: Served }>;
  const changing = new Set(
    lines
      .flatMap((line) => (line.registered ? [line.registered] : []))
      .filter((route) => !['GET', 'HEAD', 'OPTIONS'].includes(route.method))
      .map((route) => `${route.method} ${route.url}`),
  );
  const audited = new Set(
    lines
      .flatMap((line) => (line.served ? [line.served] : []))
      .filter((served) => served.status < 400 && served.audits.length > 0)
      .map((served) => `${served.method} ${served.url}`),
  );
  const missing = [...changing].filter((route) => !audited.has(route) && !(route in auditExceptions)).sort();
  const staleExceptions = Object.keys(auditExceptions).filter((route) => !changing.has(route) || audited.has(route));
  return { routes: changing.size, missing, staleExceptions };
}

/** The database tables that belong to a workspace (those with a workspace_id column). */
function workspaceTableNames(): Set<string> {
  const names = new Set<string>();
  for (const value of Object.values(schema)) {
    if (typeof value !== 'object' || value === null || !('getSQL' in value)) continue;
    try {
      const config = getTableConfig(value as PgTable);
      if (config.columns.some((column) => column.name === 'workspace_id')) names.add(config.name);
    } catch {
      // not a table
    }
  }
  return names;
}

// A table may be named with its schema (public."people"), as the backup names every one.
const REFERENCE = /\b(from|join|update|into)\s+(?:"?public"?\.)?"?([a-z_]+)"?(?:\s+(?:as\s+)?"?([a-z_]+)"?)?/gi;
const NOT_ALIASES = new Set([
  'where',
  'on',
  'set',
  'select',
  'left',
  'inner',
  'join',
  'order',
  'group',
  'limit',
  'values',
  'using',
  'default',
  'returning',
  'cross',
  'lateral',
  'union',
  'as',
]);

/**
 * Whether each workspace table a statement names is held to one workspace:
 * its workspace_id compared in a condition (or written, for an insert).
 * A statement that reaches a workspace table only through another one's id
 * is counted: a sharded deployment needs the workspace on every table.
 */
export function unscopedTables(statement: string, workspaceTables: Set<string>): string[] {
  const problems: string[] = [];
  for (const match of statement.matchAll(REFERENCE)) {
    const [, keyword, table, maybeAlias] = match;
    if (!workspaceTables.has(table)) continue;
    const alias = maybeAlias && !NOT_ALIASES.has(maybeAlias.toLowerCase()) ? maybeAlias : table;
    const names = [...new Set([table, alias])].map((name) => `"?${name}"?`).join('|');
    const compared = new RegExp(`(?:${names})\\."?workspace_id"?\\s*(?:=|in\\b|is not distinct)|=\\s*(?:${names})\\."?workspace_id"?`, 'i');
    const inserted = keyword.toLowerCase() === 'into' && new RegExp(`into\\s+"?${table}"?\\s*\\([^)]*"?workspace_id"?`, 'i').test(statement);
    if (!compared.test(statement) && !inserted) problems.push(table);
  }
  // A statement on one table may name its column without the table: nothing else could be meant.
  const named = new Set([...statement.matchAll(REFERENCE)].map((match) => match[2]).filter((table) => workspaceTables.has(table)));
  if (named.size === 1 && problems.length && /(?<![."\w])"?workspace_id"?\s*(?:=|in\b)/i.test(statement)) return [];
  return [...new Set(problems)];
}

export function unscopedStatements(dir: string) {
  const tables = workspaceTableNames();
  const statements = [...new Set(readLines(dir, 'sql-') as string[])];
  const used = new Set<(typeof scopeExceptions)[number]>();
  const unscoped = statements.flatMap((statement) => {
    const problems = unscopedTables(statement, tables);
    if (!problems.length) return [];
    const excepted = scopeExceptions.find((exception) => exception.matches.test(statement.replace(/\s+/g, ' ').trim()));
    if (excepted) {
      used.add(excepted);
      return [];
    }
    return [{ statement, tables: problems }];
  });
  const staleExceptions = scopeExceptions.filter((exception) => !used.has(exception)).map((exception) => String(exception.matches));
  return { statements: statements.length, unscoped, staleExceptions };
}

/** Print what the run recorded; false when a changing route left no audit row or a statement was not scoped. */
export function checkRecordings(dir: string): boolean {
  const routes = unauditedRoutes(dir);
  const sql = unscopedStatements(dir);
  console.log(`\nRoutes that change data: ${routes.routes}; succeeded in the run without an audit row: ${routes.missing.length}`);
  for (const route of routes.missing) console.log(`  ${route}`);
  for (const route of routes.staleExceptions) console.log(`  no longer an exception (remove it from test/audit-exceptions.ts): ${route}`);
  console.log(`SQL statements the application ran: ${sql.statements}; on a workspace table without its workspace: ${sql.unscoped.length}`);
  for (const { statement, tables } of sql.unscoped) console.log(`  [${tables.join(', ')}] ${statement.replace(/\s+/g, ' ').slice(0, 300)}`);
  for (const exception of sql.staleExceptions) console.log(`  no longer an exception (remove it from test/scope-exceptions.ts): ${exception}`);
  const clean = routes.missing.length === 0 && routes.staleExceptions.length === 0 && sql.unscoped.length === 0 && sql.staleExceptions.length === 0;
  return clean;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(checkRecordings(process.argv[2] ?? '.test-tmp/record') ? 0 : 1);
