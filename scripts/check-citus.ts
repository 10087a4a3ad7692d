/**
 * `npm run check:citus`: every table against Citus's rules for distributing
 * by `workspace_id` (docs/production.md, "Scaling out"):
 *   - a table with `workspace_id` is distributed by it: its primary key and
 *     every unique constraint must include `workspace_id`, and a foreign key
 *     to another distributed table must include `workspace_id` on both sides;
 *   - a table without it (workspaces, accounts, sessions) is a reference
 *     table, copied to every node: distributed tables may point at it, but it
 *     may not point at a distributed table;
 *   - a table whose `workspace_id` may be null (mail, some of which belongs to
 *     no workspace) cannot be distributed by it: it stays a local table on the
 *     coordinator, which may point at reference tables only, and which no
 *     distributed table may point at.
 * Prints what would block distribution, table by table, and exits 1 if
 * anything would. `npm test` runs the same check (test/citus.test.ts), and
 * checks the migrated databases themselves too.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../src/schema.ts';

type Config = ReturnType<typeof getTableConfig>;

const tables: Config[] = [];
for (const value of Object.values(schema)) {
  if (typeof value !== 'object' || value === null || !('getSQL' in value)) continue;
  try {
    tables.push(getTableConfig(value as PgTable));
  } catch {
    // not a table
  }
}
const workspaceColumn = (table: Config) => table.columns.find((c) => c.name === 'workspace_id');
const distributed = new Set(tables.filter((t) => workspaceColumn(t)?.notNull).map((t) => t.name));
const coordinatorOnly = new Set(tables.filter((t) => workspaceColumn(t) && !workspaceColumn(t)!.notNull).map((t) => t.name));
type Kind = 'distributed' | 'reference' | 'coordinator';
const kindOf = (name: string): Kind => (distributed.has(name) ? 'distributed' : coordinatorOnly.has(name) ? 'coordinator' : 'reference');

function citusProblems(table: Config): string[] {
  const problems: string[] = [];
  const isDistributed = distributed.has(table.name);
  const names = (columns: Array<{ name: string }>) => columns.map((c) => c.name);
  if (isDistributed) {
    const primary = table.primaryKeys[0] ? names(table.primaryKeys[0].columns) : names(table.columns.filter((c) => c.primary));
    if (!primary.includes('workspace_id')) problems.push(`primary key (${primary.join(', ')}) lacks workspace_id`);
    for (const index of table.indexes.filter((i) => i.config.unique)) {
      const columns = index.config.columns.map((c) => ('name' in c ? String(c.name) : 'an expression'));
      if (!columns.includes('workspace_id')) problems.push(`unique index ${index.config.name} (${columns.join(', ')}) lacks workspace_id`);
    }
    for (const unique of table.uniqueConstraints) {
      if (!names(unique.columns).includes('workspace_id')) problems.push(`unique constraint ${unique.getName()} lacks workspace_id`);
    }
    for (const column of table.columns.filter((c) => c.isUnique)) {
      problems.push(`unique column ${column.name} lacks workspace_id`);
    }
  }
  for (const key of table.foreignKeys) {
    const reference = key.reference();
    const target = getTableConfig(reference.foreignTable).name;
    if (coordinatorOnly.has(target) && table.name !== target) {
      problems.push(`points at ${target}, which stays on the coordinator`);
      continue;
    }
    if (!distributed.has(target)) continue;
    if (!isDistributed) {
      problems.push(`${kindOf(table.name)} table points at distributed ${target}`);
      continue;
    }
    const from = names(reference.columns);
    const to = names(reference.foreignColumns);
    if (!from.includes('workspace_id') || !to.includes('workspace_id'))
      problems.push(`foreign key (${from.join(', ')}) → ${target} (${to.join(', ')}) lacks workspace_id`);
  }
  return problems;
}

/** The tables Citus would distribute by workspace_id, by name. */
export const distributedTableNames = (): string[] => [...distributed].sort();

/** Every table that would block distribution, with what would. */
export function citusReport(): Array<{ table: string; kind: 'distributed' | 'reference'; problems: string[] }> {
  return tables
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((table) => ({
      table: table.name,
      kind: distributed.has(table.name) ? ('distributed' as const) : ('reference' as const),
      problems: citusProblems(table),
    }))
    .filter((entry) => entry.problems.length > 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = citusReport();
  const blocking = report.length;
  const problemCount = report.reduce((sum, entry) => sum + entry.problems.length, 0);
  for (const entry of report) {
    console.log(`${entry.table} (${entry.kind})`);
    for (const problem of entry.problems) console.log(`  ${problem}`);
  }
  console.log(
    `\n${tables.length} tables: ${distributed.size} distributed by workspace_id, ${tables.length - distributed.size - coordinatorOnly.size} reference, ${coordinatorOnly.size} on the coordinator (${[...coordinatorOnly].join(', ')}); ${blocking} would block distribution (${problemCount} problems)`,
  );
  process.exit(blocking ? 1 : 0);
}
