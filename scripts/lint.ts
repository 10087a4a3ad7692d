/**
 * `npm run lint` (and the first step of `npm test`): Prettier's layout,
 * ESLint with zero warnings, and dependencies that point down.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/core/paths.ts';
import { checkDependencies } from './check-dependencies.ts';

function run(label: string, script: string, args: string[]): boolean {
  console.log(label);
  const result = spawnSync(process.execPath, [path.join(projectRoot, script), ...args], { cwd: projectRoot, stdio: 'inherit' });
  return result.status === 0;
}

export function lint(): boolean {
  const formatted = run('Checking layout (Prettier)…', 'node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
  if (!formatted) console.error('Run `npx prettier --write .` to lay the files out.');
  const linted = run('Linting (ESLint)…', 'node_modules/eslint/bin/eslint.js', ['--max-warnings', '0', '.']);
  console.log('Checking dependencies…');
  const problems = checkDependencies();
  if (problems.length) console.error(`Dependencies that do not point down (${problems.length}):\n${problems.join('\n')}`);
  return formatted && linted && problems.length === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(lint() ? 0 : 1);
