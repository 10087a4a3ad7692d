/**
 * Dependencies point down. dependency-cruiser checks the module rules in
 * .dependency-cruiser.cjs (no module cycles, core imports no feature); this
 * script adds the rule it cannot express: features do not depend on each
 * other in a circle. Each feature folder is one node, its tables.ts another
 * (a foreign key to another feature's table is part of the one database
 * schema, not a use of that feature's code). Exits 1 and names the imports
 * that close each circle.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/core/paths.ts';

interface CruiseResult {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string; coreModule: boolean; couldNotResolve: boolean }> }>;
  summary: { violations: Array<{ from: string; to: string; rule: { name: string }; cycle?: Array<{ name: string }> }> };
}

/** The part of the program a module belongs to, for the feature-level graph. */
export function nodeOf(file: string): string | undefined {
  const feature = /^src\/features\/([^/]+)\/(.*)$/.exec(file);
  if (feature) return feature[2] === 'tables.ts' ? `${feature[1]}/tables` : feature[1];
  if (file.startsWith('src/core/')) return 'core';
  if (file === 'src/config.ts') return 'config';
  if (file === 'src/schema.ts') return 'schema';
  if (file.startsWith('src/')) return 'app';
  return undefined;
}

/** Strongly connected groups of more than one node (Tarjan), each a circle of dependencies. */
export function circles(edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

export function checkDependencies(): string[] {
  const output = execFileSync(
    process.execPath,
    [
      path.join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
    ],
    { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  const result = JSON.parse(output) as CruiseResult;
  const problems = result.summary.violations.map((v) =>
    v.cycle ? `${v.rule.name}: ${v.from} → ${v.cycle.map((step) => step.name).join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
  );

  const edges = new Map<string, Set<string>>();
  const because = new Map<string, string[]>();
  for (const module of result.modules) {
    const from = nodeOf(module.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const dependency of module.dependencies) {
      const to = nodeOf(dependency.resolved);
      if (!to || to === from) continue;
      edges.get(from)!.add(to);
      const key = `${from} → ${to}`;
      because.set(key, [...(because.get(key) ?? []), `${module.source} → ${dependency.resolved}`]);
    }
  }
  for (const group of circles(edges)) {
    const inside = new Set(group);
    const links = group.flatMap((from) => [...(edges.get(from) ?? [])].filter((to) => inside.has(to)).map((to) => `${from} → ${to}`));
    problems.push(`features in a circle: ${group.join(', ')}\n${links.map((link) => `    ${link}: ${because.get(link)!.join('; ')}`).join('\n')}`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkDependencies();
  if (problems.length) {
    console.error(`Dependencies that do not point down (${problems.length}):\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log('Dependencies point down: no cycles, core imports no feature.');
}
